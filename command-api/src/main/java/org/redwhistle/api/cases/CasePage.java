package org.redwhistle.api.cases;

import java.util.List;

/**
 * A page of cases, newest first; {@code nextCursor} is where the next page starts (send it back as
 * {@code cursor} with the same filters), null on the last page.
 */
public record CasePage(List<CaseView> items, String nextCursor) {
}
