package org.redwhistle.ingest.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Throughput of the snapshot analysis (decode, people, MOG2 motion) on real 640×480 frames, the old
 * detector (Daimler HOG, issue 7) beside the new one (CenterNet, issue 22), with one thread and with
 * one per core; run by scripts/bench-analytics.sh:
 * <pre>java -jar red-whistle-bench.jar analytics FRAMES_DIR [seconds [EVAL_DIR [MODEL]]]</pre>
 * Scenes: the demo footage with people (vtest.avi) and without (tree.avi), and the detector
 * evaluation set (photographs, issue 22), whose precision and recall are printed for both detectors.
 * Each thread plays the frames of its own camera in order, so motion is measured as in service.
 */
public final class AnalyticsBench {

    private static final String[] DETECTORS = {"daimler", "centernet"};

    private AnalyticsBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "/var/cache/red-whistle/frames");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path evalDir = args.length > 2 ? Path.of(args[2]) : null;
        AnalyticsProperties base = AnalyticsProperties.defaults();
        if (args.length > 3) {
            base = base.withModel(Path.of(args[3]));
        }
        List<byte[]> people = load(dir.resolve("people"));
        List<byte[]> empty = load(dir.resolve("empty"));
        List<DetectorEvaluation.Image> eval = evalDir == null ? List.of() : DetectorEvaluation.load(evalDir);
        List<byte[]> evalFrames = eval.stream().map(DetectorEvaluation.Image::jpeg).toList();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("analytics-bench: OpenCV %s, %d frames with people and %d without (640×480 JPEG, from %s), %d evaluation images, %d cores%n",
                OpenCv.version(), people.size(), empty.size(), dir, eval.size(), cores);
        for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
            for (String d : DETECTORS) {
                AnalyticsProperties props = base.withDetector(d);
                run(props, people, "people", threads, seconds);
                run(props, empty, "empty", threads, seconds);
                if (!evalFrames.isEmpty()) {
                    run(props, evalFrames, "eval", threads, seconds);
                }
            }
        }
        for (String d : DETECTORS) {
            if (!eval.isEmpty()) {
                AnalyticsProperties props = base.withDetector(d);
                DetectorEvaluation.Score s = DetectorEvaluation.run(props.detectorSpec(), props.model(), eval);
                System.out.printf("RESULT %-16s evaluation set: %d images (%d with people): precision %.3f, recall %.3f; found per kind: %s%n",
                        props.detectorSpec(), s.images(), s.positives(), s.precision(), s.recall(), s.kinds());
            }
        }
    }

    private static void run(AnalyticsProperties props, List<byte[]> frames, String scene, int threads, int seconds) throws Exception {
        FrameAnalyzer analyzer = new FrameAnalyzer(props);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        long warmupEnd = System.nanoTime() + 3_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        int[] people = new int[threads];
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<Long> micros = new ArrayList<>();
                int i = thread * 7;
                while (System.nanoTime() < end) {
                    FrameAnalyzer.Result r = analyzer.analyse("bench-cam-" + thread, frames.get(i++ % frames.size()));
                    if (System.nanoTime() > warmupEnd) {
                        micros.add(r.micros());
                        if (!r.people().isEmpty()) {
                            people[thread]++;
                        }
                    }
                }
                return micros;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        double fps = all.size() / (double) seconds;
        int withPeople = 0;
        for (int p : people) {
            withPeople += p;
        }
        System.out.printf("RESULT %-16s %-6s scene, %d thread%s: %6.1f frames/s, %5.1f frames/s per core; per frame p50 %.0f ms, p99 %.0f ms;"
                + " people found in %.0f%% of frames%n", props.detectorSpec(), scene, threads, threads == 1 ? " " : "s", fps, fps / threads,
                all.get(all.size() / 2) / 1000.0, all.get(Math.min(all.size() - 1, (int) Math.ceil(all.size() * 0.99) - 1)) / 1000.0,
                100.0 * withPeople / all.size());
    }

    private static List<byte[]> load(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
            if (out.isEmpty()) {
                throw new IllegalStateException("no frames in " + dir + " (scripts/bench-analytics.sh cuts them from opencv-doc)");
            }
            return out;
        }
    }
}
