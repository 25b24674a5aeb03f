package org.redwhistle.ingest.liveness;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Device liveness.
 *
 * @param offlineAfter  a device not heard from for this long is offline and raises a device.offline alarm
 *                      (devices send a heartbeat every 30 s; three missed ones by default)
 * @param checkInterval how often the sweep looks for silent devices
 */
@ConfigurationProperties("redwhistle.liveness")
public record LivenessProperties(
        @DefaultValue("90s") Duration offlineAfter,
        @DefaultValue("10s") Duration checkInterval) {

    /**
     * How stale a device's stored last_seen may be: ingestion rewrites it at most this often per
     * device (a tenth of {@code offlineAfter}), and the sweep allows for it.
     */
    public Duration touchInterval() {
        return offlineAfter.dividedBy(10);
    }
}
