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
}
