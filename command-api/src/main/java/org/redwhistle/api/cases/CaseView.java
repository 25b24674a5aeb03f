package org.redwhistle.api.cases;

import java.time.Instant;
import java.util.List;

/** A case as the API shows it; {@code timeline} only in the detail view. */
public record CaseView(long id, String ref, String type, String category, String description, double lon, double lat, Long gridId,
        String gridName, Long communityId, List<Long> areaPath, String reporter, String channel, String status, String level,
        String assignee, List<String> departments, boolean complex, Instant submittedAt, Instant acceptDue, Instant resolveDue,
        Instant takenAt, Instant handledAt, Instant closedAt, Boolean resolved, String satisfaction, boolean overdue,
        List<Step> timeline) {

    /** One step of the case's life: who did what, when, and where the case stood after it. */
    public record Step(Instant at, String actor, String action, String status, String level, String note) {
    }

    public CaseChanged changed() {
        return new CaseChanged(this);
    }

    /** Published after a case changed (committed): pushed on /topic/cases to the area's operators. */
    public record CaseChanged(CaseView view) {
    }
}
