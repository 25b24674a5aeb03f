package org.redwhistle.ingest.analytics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.opencv.core.Mat;

/**
 * Finds people in one image. Not thread-safe: each thread builds its own (models are loaded once
 * per thread and kept). Every pixel buffer it makes is released before {@link #detect} returns.
 *
 * <p>Specifications (used by the configuration and by the evaluation command):
 * <ul>
 * <li>{@code centernet[:threshold[:WxH]][:flip]} — MobileNetV3 CenterNet (COCO, person class) through OpenCV
 *     DNN from the ONNX file {@code model} (its input size in its name); threshold on the heat-map peak (0–1);
 *     {@code flip}: the mirrored frame too, heat maps averaged (test-time augmentation, twice the time)</li>
 * <li>{@code movenet[:threshold[:WxH]]} — MoveNet multi-pose's person centres (evaluation candidate; the
 *     model {@code movenet-person-WxH.onnx} beside {@code model}, default 320×256)</li>
 * <li>{@code daimler[:threshold]} — OpenCV's Daimler HOG (48×96 window), SVM margin</li>
 * <li>{@code hog[:threshold[:upscale]]} — OpenCV's default HOG people detector (64×128 window), scale
 *     step 1.05, the image first enlarged {@code upscale} times (finds people below 128 px)</li>
 * <li>{@code cascade:FILE[:minNeighbours]} — a Haar/LBP cascade from opencv-data
 *     (/usr/share/opencv4/haarcascades), e.g. haarcascade_fullbody.xml; a face cascade's face counts
 *     as a person</li>
 * <li>{@code A|B} — either: the boxes of both, overlaps merged</li>
 * <li>{@code A&B} — both: A's boxes that overlap one of B's (B confirms A; not mixed with {@code |})</li>
 * </ul>
 */
public interface PersonDetector {

    /** People in {@code bgr} (8-bit, 3 channels; {@code gray} is the same image in grey), boxes in its pixels, best first. */
    List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray);

    /** Releases the native model. */
    void close();

    static PersonDetector create(String spec, Path model) {
        if (spec.contains("&") && !spec.contains("|")) {
            String[] ab = spec.split("&", 2);
            return new Both(create(ab[0].trim(), model), create(ab[1].trim(), model));
        }
        if (spec.contains("|")) {
            List<PersonDetector> parts = new ArrayList<>();
            for (String s : spec.split("\\|")) {
                parts.add(create(s.trim(), model));
            }
            return new Either(parts);
        }
        String[] p = spec.split(":");
        return switch (p[0]) {
            case "centernet" -> centerNet(model, p.length > 1 ? Double.parseDouble(p[1]) : 0.3, p.length > 2 && !p[2].equals("flip") ? p[2] : null,
                    spec.endsWith(":flip"));
            case "movenet" -> {
                String size = p.length > 2 ? p[2] : "320x256";
                String[] wh = size.split("x");
                yield new MoveNetPeople(model.resolveSibling("movenet-person-" + size + ".onnx"), p.length > 1 ? Double.parseDouble(p[1]) : 0.3,
                        Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
            }
            case "daimler" -> HogPeople.daimler(p.length > 1 ? Double.parseDouble(p[1]) : 3.0);
            case "hog" -> HogPeople.standard(p.length > 1 ? Double.parseDouble(p[1]) : 0.0, p.length > 2 ? Double.parseDouble(p[2]) : 1.0);
            case "cascade" -> new CascadePeople(p[1], p.length > 2 ? Integer.parseInt(p[2]) : 3);
            default -> throw new IllegalArgumentException("unknown person detector '" + spec + "' (centernet, daimler, hog, cascade:FILE, A|B)");
        };
    }

    /**
     * CenterNet at its model's input size; another size {@code WxH} uses the model converted for it,
     * {@code centernet-person-WxH.onnx} beside {@code model} (the evaluation command makes it).
     */
    private static PersonDetector centerNet(Path model, double threshold, String size, boolean flip) {
        if (size == null) {
            return new CenterNetPeople(model, threshold, flip);
        }
        String[] wh = size.split("x");
        return new CenterNetPeople(model.resolveSibling("centernet-person-" + size + ".onnx"), threshold, Integer.parseInt(wh[0]), Integer.parseInt(wh[1]),
                flip);
    }

    /** Greedy non-maximum suppression: a box overlapping a better one by more than {@code iou} is dropped. */
    static List<FrameAnalyzer.Box> suppress(List<FrameAnalyzer.Box> boxes, double iou) {
        List<FrameAnalyzer.Box> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.comparingDouble(FrameAnalyzer.Box::score).reversed());
        List<FrameAnalyzer.Box> kept = new ArrayList<>();
        for (FrameAnalyzer.Box b : sorted) {
            if (kept.stream().noneMatch(k -> iou(k, b) > iou)) {
                kept.add(b);
            }
        }
        return kept;
    }

    static double iou(FrameAnalyzer.Box a, FrameAnalyzer.Box b) {
        int x1 = Math.max(a.x(), b.x());
        int y1 = Math.max(a.y(), b.y());
        int x2 = Math.min(a.x() + a.w(), b.x() + b.w());
        int y2 = Math.min(a.y() + a.h(), b.y() + b.h());
        double inter = Math.max(0, x2 - x1) * (double) Math.max(0, y2 - y1);
        double union = (double) a.w() * a.h() + (double) b.w() * b.h() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /** Any of several detectors: all their boxes, overlaps merged (scores are each detector's own). */
    final class Either implements PersonDetector {
        private final List<PersonDetector> parts;

        Either(List<PersonDetector> parts) {
            this.parts = parts;
        }

        @Override
        public List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray) {
            List<FrameAnalyzer.Box> all = new ArrayList<>();
            for (PersonDetector d : parts) {
                all.addAll(d.detect(bgr, gray));
            }
            return suppress(all, 0.5);
        }

        @Override
        public void close() {
            parts.forEach(PersonDetector::close);
        }
    }

    /** Both of two detectors: the first one's boxes that overlap a box of the second (the second confirms). */
    final class Both implements PersonDetector {
        private final PersonDetector first;
        private final PersonDetector second;

        Both(PersonDetector first, PersonDetector second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray) {
            List<FrameAnalyzer.Box> a = first.detect(bgr, gray);
            if (a.isEmpty()) {
                return a;
            }
            List<FrameAnalyzer.Box> b = second.detect(bgr, gray);
            List<FrameAnalyzer.Box> out = new ArrayList<>();
            for (FrameAnalyzer.Box x : a) {
                if (b.stream().anyMatch(y -> iou(x, y) > 0)) {
                    out.add(x);
                }
            }
            return out;
        }

        @Override
        public void close() {
            first.close();
            second.close();
        }
    }
}
