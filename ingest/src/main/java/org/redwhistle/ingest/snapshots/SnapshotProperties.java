package org.redwhistle.ingest.snapshots;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Camera snapshots ({@code cc/v1/devices/{id}/snapshots}, JPEG bytes).
 *
 * @param maxBytes       larger images are dead-lettered unread
 * @param maxPixels      larger images (by their header) are dead-lettered undecoded: no decompression bombs
 * @param thumbnailWidth width of the stored thumbnail, in pixels
 * @param retention      how long a snapshot is kept
 * @param workers        threads that decode and store snapshots (off the ingestion thread)
 * @param receiveMaximum snapshots the broker may have in flight to us: the back-pressure bound
 */
@ConfigurationProperties("redwhistle.snapshots")
public record SnapshotProperties(
        @DefaultValue("2097152") int maxBytes,
        @DefaultValue("16777216") long maxPixels,
        @DefaultValue("240") int thumbnailWidth,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("2") int workers,
        @DefaultValue("8") int receiveMaximum) {
}
