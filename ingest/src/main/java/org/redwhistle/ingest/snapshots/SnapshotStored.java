package org.redwhistle.ingest.snapshots;

import java.time.Instant;

/**
 * Published (on the snapshot worker) after a camera snapshot was stored; {@code jpeg} is the image
 * as sent, for the analysis that follows. {@code alarmId} is the alarm it belongs to: its event's,
 * or the one whose verification asked for it ({@code cmdId}).
 */
public record SnapshotStored(long id, String deviceId, String eventMsgId, String cmdId, Long alarmId, Instant capturedAt, int width,
        int height, byte[] jpeg) {
}
