package org.redwhistle.ingest.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Runs a {@link PersonDetector} over the labelled evaluation set (issue 22; made by
 * scripts/lib/make-eval-set.py, labels in its labels.tsv) on the calling thread.
 *
 * <p>Image level: an image counts as "person found" when the detector reports at least one person.
 * Recall = images with people where a person was found / images with people; precision = images
 * with people where a person was found / all images where a person was found (so a detector that
 * "sees" a person on an empty scene loses precision). The set has no person boxes, so a box in the
 * wrong place of an image with people still counts as found: this measures "is someone there", which
 * is what alarm verification asks. Time per image = JPEG decode + grey conversion + detection, one
 * thread; frames/s per core = 1 / mean time.
 */
public final class DetectorEvaluation {

    /** One labelled image. */
    public record Image(String name, String source, String transformation, String kind, boolean person, byte[] jpeg) {
    }

    /** One image's outcome: the best person score (0 when none) and the time it took. */
    public record Outcome(Image image, int people, double best, long nanos) {
    }

    /** Counts of one detector on the set. */
    public record Score(String detector, int images, int positives, int tp, int fp, double meanMillis, double p50Millis, double p99Millis,
            Map<String, int[]> byKind, List<Outcome> outcomes) {
        public double recall() {
            return positives == 0 ? 0 : tp / (double) positives;
        }

        public double precision() {
            return tp + fp == 0 ? 0 : tp / (double) (tp + fp);
        }

        public double framesPerSecondPerCore() {
            return 1000.0 / meanMillis;
        }

        /** Images of each kind where a person was found / images of that kind. */
        public String kinds() {
            StringBuilder sb = new StringBuilder();
            byKind.forEach((k, v) -> sb.append(sb.length() > 0 ? ", " : "").append(k).append(' ').append(v[0]).append('/').append(v[1]));
            return sb.toString();
        }
    }

    private DetectorEvaluation() {
    }

    public static List<Image> load(Path dir) throws IOException {
        Path labels = dir.resolve("labels.tsv");
        if (!Files.isRegularFile(labels)) {
            throw new IllegalStateException("no evaluation set in " + dir + ": it is made by scripts/lib/services.sh rw_ensure_eval_set");
        }
        List<Image> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(labels);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            out.add(new Image(f[0], f[1], f[2], f[3], f[4].equals("1"), Files.readAllBytes(dir.resolve(f[0]))));
        }
        return out;
    }

    public static Score run(String spec, Path model, List<Image> images) {
        OpenCv.load();
        PersonDetector d = PersonDetector.create(spec, model);
        try {
            once(d, images.get(0)); // warm-up: the first pass allocates the network's buffers
            List<Outcome> outcomes = new ArrayList<>();
            for (Image img : images) {
                outcomes.add(once(d, img));
            }
            return score(spec, outcomes);
        } finally {
            d.close();
        }
    }

    /** The counts of the same outcomes when only people scoring at least {@code threshold} count. */
    public static Score atThreshold(Score s, double threshold) {
        List<Outcome> kept = new ArrayList<>();
        for (Outcome o : s.outcomes()) {
            kept.add(o.best() >= threshold ? o : new Outcome(o.image(), 0, 0, o.nanos()));
        }
        return score(s.detector() + " ≥ " + threshold, kept);
    }

    private static Score score(String spec, List<Outcome> outcomes) {
        int positives = 0;
        int tp = 0;
        int fp = 0;
        Map<String, int[]> byKind = new TreeMap<>();
        long[] nanos = new long[outcomes.size()];
        long total = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            nanos[i] = o.nanos();
            total += o.nanos();
            boolean found = o.people() > 0;
            if (o.image().person()) {
                positives++;
                tp += found ? 1 : 0;
            } else {
                fp += found ? 1 : 0;
            }
            String key = (o.image().person() ? "person/" : "empty/") + o.image().kind();
            int[] c = byKind.computeIfAbsent(key, k -> new int[2]);
            c[0] += found ? 1 : 0;
            c[1]++;
        }
        java.util.Arrays.sort(nanos);
        double mean = total / 1e6 / Math.max(1, outcomes.size());
        return new Score(spec, outcomes.size(), positives, tp, fp, mean, nanos[nanos.length / 2] / 1e6,
                nanos[Math.min(nanos.length - 1, (int) Math.ceil(nanos.length * 0.99) - 1)] / 1e6, new LinkedHashMap<>(byKind), outcomes);
    }

    private static Outcome once(PersonDetector d, Image img) {
        long t0 = System.nanoTime();
        MatOfByte buf = new MatOfByte(img.jpeg());
        Mat bgr = null;
        Mat gray = new Mat();
        try {
            bgr = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
            if (bgr.empty()) {
                throw new IllegalStateException("cannot decode " + img.name());
            }
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            List<FrameAnalyzer.Box> people = d.detect(bgr, gray);
            double best = people.stream().mapToDouble(FrameAnalyzer.Box::score).max().orElse(0);
            return new Outcome(img, people.size(), best, System.nanoTime() - t0);
        } finally {
            buf.release();
            gray.release();
            if (bgr != null) {
                bgr.release();
            }
        }
    }
}
