package org.redwhistle.ingest.analytics;

import org.opencv.core.Core;

/**
 * Loads the OpenCV natives bundled in {@code org.openpnp:opencv} once ({@code loadLocally}: never
 * {@code loadShared}, which fails on Java 12+). OpenCV's own thread pool is switched off: the
 * platform bounds analysis by its worker pool, one frame per thread.
 */
public final class OpenCv {

    private static volatile boolean loaded;

    private OpenCv() {
    }

    public static synchronized void load() {
        if (!loaded) {
            nu.pattern.OpenCV.loadLocally();
            Core.setNumThreads(1);
            loaded = true;
        }
    }

    public static String version() {
        load();
        return Core.VERSION;
    }
}
