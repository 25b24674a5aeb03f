package org.redwhistle.ingest.snapshots;

import java.time.Instant;

/** Published after a camera snapshot was stored. */
public record SnapshotStored(long id, String deviceId, String eventMsgId, Long alarmId, Instant capturedAt, int width, int height) {
}
