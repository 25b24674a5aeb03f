package org.redwhistle.api.faces.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Face-recognition crossings.
 *
 * @param passageRetention how long a face gate's passages (the {@code face.passage} events) and their snapshots are kept;
 *                         those attached to an alarm stay with the alarm. The snapshots' own retention
 *                         ({@code redwhistle.snapshots.retention}) still applies to them, whichever ends first
 * @param retentionCheck   how often the retention job runs (once per cluster; read by its {@code @Scheduled} under the same name)
 */
@ConfigurationProperties("redwhistle.faces")
public record FaceProperties(@DefaultValue("30d") Duration passageRetention, @DefaultValue("1h") Duration retentionCheck) {

    public FaceProperties {
        if (passageRetention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("redwhistle.faces.passage-retention must be at least 1h, not " + passageRetention);
        }
    }
}
