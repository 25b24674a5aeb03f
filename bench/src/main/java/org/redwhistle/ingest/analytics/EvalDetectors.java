package org.redwhistle.ingest.analytics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The people-detector evaluation (issue 22): every candidate over the labelled set, one thread;
 * run by scripts/eval-detectors.sh:
 * <pre>java -jar red-whistle-bench.jar eval-detectors EVAL_DIR MODEL [--sweep SPEC]... [--scores FILE.tsv] SPEC...</pre>
 * Prints one {@code RESULT} line per candidate (precision, recall, frames/s per core, found per
 * kind; with {@code --scores}, every image's best person score per candidate into a TSV) and, for each {@code --sweep SPEC}, precision and recall at each heat-map threshold.
 */
public final class EvalDetectors {

    private EvalDetectors() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path model = Path.of(args[1]);
        List<String> specs = new ArrayList<>();
        List<String> sweeps = new ArrayList<>();
        Path scores = null;
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--sweep")) {
                sweeps.add(args[++i]);
            } else if (args[i].equals("--scores")) {
                scores = Path.of(args[++i]);
            } else {
                specs.add(args[i]);
            }
        }
        List<DetectorEvaluation.Image> images = DetectorEvaluation.load(dir);
        long pos = images.stream().filter(DetectorEvaluation.Image::person).count();
        System.out.printf("eval-detectors: OpenCV %s, %d images (%d with people, %d without) from %s, one thread%n", OpenCv.version(), images.size(), pos,
                images.size() - pos, dir);
        System.out.printf("RESULT %-62s %6s %9s %6s %5s %5s %9s %8s %8s%n", "detector", "images", "precision", "recall", "TP", "FP", "frames/s", "p50 ms",
                "p99 ms");
        StringBuilder tsv = new StringBuilder("detector\timage\tkind\tperson\tbest\n");
        for (String spec : specs) {
            DetectorEvaluation.Score s = DetectorEvaluation.run(spec, model, images);
            print(s);
            for (DetectorEvaluation.Outcome o : s.outcomes()) {
                tsv.append(spec).append('\t').append(o.image().name()).append('\t').append(o.image().kind()).append('\t')
                        .append(o.image().person() ? 1 : 0).append('\t').append(o.people() > 0 ? o.best() : 0).append('\n');
            }
        }
        if (scores != null) {
            java.nio.file.Files.writeString(scores, tsv);
        }
        for (String sweep : sweeps) {
            DetectorEvaluation.Score all = DetectorEvaluation.run(sweep, model, images);
            System.out.println("threshold sweep of " + sweep + " (same pass, only the threshold changes):");
            for (double t : new double[] {0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6}) {
                print(DetectorEvaluation.atThreshold(all, t));
            }
        }
    }

    private static void print(DetectorEvaluation.Score s) {
        System.out.printf("RESULT %-62s %6d %9.3f %6.3f %5d %5d %9.1f %8.1f %8.1f%n", s.detector(), s.images(), s.precision(), s.recall(), s.tp(), s.fp(),
                s.framesPerSecondPerCore(), s.p50Millis(), s.p99Millis());
        System.out.println("       found per kind: " + s.kinds());
        List<String> missed = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (DetectorEvaluation.Outcome o : s.outcomes()) {
            if (o.image().person() && o.people() == 0) {
                missed.add(o.image().name().replace(".jpg", ""));
            } else if (!o.image().person() && o.people() > 0) {
                wrong.add(o.image().name().replace(".jpg", "") + "(" + o.best() + ")");
            }
        }
        if (missed.size() <= 40) {
            System.out.println("       missed: " + String.join(" ", missed));
        }
        if (wrong.size() <= 40) {
            System.out.println("       false: " + String.join(" ", wrong));
        }
    }
}
