package org.redwhistle.api.faces;

import java.time.Instant;

/**
 * An open entry of the face watchlist: the person id the face gates know, the alias and reason the
 * police gave, the area it applies to and until when (null: until ended).
 */
public record WatchedFace(long id, String personId, String alias, String reason, long areaId, Instant validUntil) {

    /** Whether the entry applies at {@code at} to something located in {@code areaPath} (the ancestor ids of its place). */
    public boolean appliesTo(java.util.Collection<Long> areaPath, Instant at) {
        return areaPath.contains(areaId) && (validUntil == null || at.isBefore(validUntil));
    }
}
