package org.redwhistle.ingest.registry;

import java.time.Instant;

/** A device went online or offline (its retained status, or its Last Will). */
public record DeviceStatusChanged(String deviceId, boolean online, Instant at) {
}
