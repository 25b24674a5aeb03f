package org.redwhistle.ingest.liveness;

import java.time.Instant;

/** A device missed its heartbeats for longer than allowed. */
public record DeviceWentSilent(String deviceId, Instant lastSeen) {
}
