package org.redwhistle.ingest.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Camera snapshot analytics (OpenCV): people by HOG, motion by a background model per camera.
 *
 * @param enabled         analyse stored snapshots at all
 * @param workers         analysis threads; 0 means one per core but one (the rest of the platform keeps a core)
 * @param queue           snapshots waiting for a worker; when full, the snapshot worker analyses itself (back-pressure
 *                        up to the broker's receive maximum, nothing dropped)
 * @param personThreshold SVM margin of the Daimler HOG people detector from which a window counts as a person; 3.0
 *                        finds people in ~9 of 10 frames of vtest.avi and none in tree.avi (docs/analytics.md)
 * @param motionThreshold share of the frame that must be foreground for "motion"
 * @param maxWidth        wider frames are scaled down to this width before detection (bounded cost per frame)
 * @param maxPixels       frames larger than this (by their JPEG header) are not decoded at all
 * @param maxCameras      background models kept (about 0.5 MB of native memory each); the least recently seen
 *                        camera's model is reused for a new one
 */
@ConfigurationProperties("redwhistle.analytics")
public record AnalyticsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int workers,
        @DefaultValue("32") int queue,
        @DefaultValue("3.0") double personThreshold,
        @DefaultValue("0.005") double motionThreshold,
        @DefaultValue("640") int maxWidth,
        @DefaultValue("16777216") long maxPixels,
        @DefaultValue("128") int maxCameras) {

    public int workerThreads() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The defaults, for tools and tests that run the analyzer without Spring. */
    public static AnalyticsProperties defaults() {
        return new AnalyticsProperties(true, 0, 32, 3.0, 0.005, 640, 16_777_216L, 128);
    }
}
