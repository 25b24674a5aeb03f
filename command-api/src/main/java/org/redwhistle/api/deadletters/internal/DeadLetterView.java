package org.redwhistle.api.deadletters.internal;

import java.time.Instant;

/** One rejected message; {@code payload} is its first 4 KiB as text (invalid UTF-8 replaced). */
public record DeadLetterView(long id, Instant receivedAt, String topic, String deviceId, String reason, int payloadSize,
        String payload) {
}
