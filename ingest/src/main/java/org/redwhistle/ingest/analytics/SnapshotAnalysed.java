package org.redwhistle.ingest.analytics;

import java.time.Instant;

/**
 * Published after a stored snapshot was analysed (or found unreadable: {@code error} says why, and
 * nothing was seen). {@code alarmId} is the alarm it belongs to, if any.
 */
public record SnapshotAnalysed(long snapshotId, String deviceId, Long alarmId, String cmdId, Instant capturedAt, int people,
        double personScore, Double motion, boolean moving, String error) {
}
