package org.redwhistle.ingest.liveness;

import java.time.Instant;

/** A device that had gone silent was heard from again. */
public record DeviceCameBack(String deviceId, Instant at) {
}
