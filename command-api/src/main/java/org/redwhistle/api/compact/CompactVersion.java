package org.redwhistle.api.compact;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A version of a village's compact with its articles by number; {@code inForceFrom} the resolution's
 * date once adopted; {@code matterId} the 四议两公开 matter that decides it.
 */
public record CompactVersion(long id, long areaId, String areaName, int number, String title, VersionState state, String stateLabel,
        Long matterId, LocalDate inForceFrom, LocalDate supersededOn, String createdBy, Instant createdAt, Instant updatedAt,
        List<Article> articles) {

    public java.util.Optional<Article> article(int n) {
        return articles.stream().filter(a -> a.number() == n).findFirst();
    }
}
