package org.redwhistle.ingest.pipeline;

import java.time.Instant;

/**
 * One MQTT message as received, before decoding. {@code ack} tells the broker it is safe; the
 * pipeline runs it only after the message's batch committed, in arrival order.
 */
public record InboundMessage(String topic, byte[] payload, Instant receivedAt, Runnable ack) {
}
