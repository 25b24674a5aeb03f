package org.redwhistle.api.faces;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a person id a face gate matched is on the police's watchlist for the place it was seen.
 * Answered from memory (the alarm rules ask on the ingest thread); changes made on this instance
 * apply at once, those of other instances within 30 s.
 */
public interface FaceWatchlist {

    /** The open entry for {@code personId} applying at {@code at} to the area chain {@code areaPath}, if any. */
    Optional<WatchedFace> watched(String personId, List<Long> areaPath, Instant at);

    /**
     * Puts {@code personId} on the watchlist of the area on {@code by}'s behalf (audited) unless it has or had an entry
     * there (one the police ended stays ended); true if it did. For seeding; the police use the REST API.
     */
    boolean watch(String personId, String alias, String reason, long areaId, Instant validUntil, String by);
}
