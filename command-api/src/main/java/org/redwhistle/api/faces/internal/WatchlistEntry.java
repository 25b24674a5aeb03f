package org.redwhistle.api.faces.internal;

import java.time.Instant;

/**
 * A watchlist entry as the police see it: the person id the face gates know, alias, reason, the area
 * it applies to, until when, who added it and, once ended, who ended it and why. {@code statusLabel}
 * is 布控中, 已过期 or 已撤控. No face image or template: the platform holds none.
 */
public record WatchlistEntry(long id, String personId, String alias, String reason, long areaId, String areaName, Instant validUntil,
        String addedBy, Instant addedAt, Instant endedAt, String endedBy, String endNote, boolean active, String statusLabel) {
}
