package org.redwhistle.ingest.storage;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time-series storage.
 *
 * @param eventKeyRetention how long a device event's idempotency key (device, msgId) is kept after the event's ts:
 *                          as long as device_event keeps its rows (400 days, migration V2), so a msgId is never
 *                          stored twice while its first event is still there; never shorter than
 *                          {@code redwhistle.mqtt.max-event-age}
 */
@ConfigurationProperties("redwhistle.storage")
public record StorageProperties(
        @DefaultValue("400d") Duration eventKeyRetention) {
}
