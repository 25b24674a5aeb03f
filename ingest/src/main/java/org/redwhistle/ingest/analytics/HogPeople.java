package org.redwhistle.ingest.analytics;

import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.HOGDescriptor;

/** OpenCV's HOG + linear SVM people detectors (Daimler 48×96, or the default 64×128), on the grey image. */
final class HogPeople implements PersonDetector {

    private final HOGDescriptor hog;
    private final double threshold;
    private final double upscale;

    private HogPeople(HOGDescriptor hog, double threshold, double upscale) {
        this.hog = hog;
        this.threshold = threshold;
        this.upscale = upscale;
    }

    static HogPeople daimler(double threshold) {
        HOGDescriptor d = new HOGDescriptor(new Size(48, 96), new Size(16, 16), new Size(8, 8), new Size(8, 8), 9);
        d.setSVMDetector(HOGDescriptor.getDaimlerPeopleDetector());
        return new HogPeople(d, threshold, 1.0);
    }

    static HogPeople standard(double threshold, double upscale) {
        HOGDescriptor d = new HOGDescriptor();
        d.setSVMDetector(HOGDescriptor.getDefaultPeopleDetector());
        return new HogPeople(d, threshold, upscale);
    }

    @Override
    public List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray) {
        Mat big = null;
        MatOfRect found = new MatOfRect();
        MatOfDouble weights = new MatOfDouble();
        try {
            Mat img = gray;
            if (upscale != 1.0) {
                big = new Mat();
                Imgproc.resize(gray, big, new Size(Math.round(gray.cols() * upscale), Math.round(gray.rows() * upscale)), 0, 0, Imgproc.INTER_LINEAR);
                img = big;
            }
            hog.detectMultiScale(img, found, weights, 0, new Size(8, 8), new Size(0, 0), 1.05, 2, false);
            if (found.empty() || weights.empty()) {
                return List.of();
            }
            Rect[] r = found.toArray();
            double[] w = weights.toArray();
            List<FrameAnalyzer.Box> out = new ArrayList<>();
            for (int i = 0; i < r.length && i < w.length; i++) {
                if (w[i] >= threshold) {
                    out.add(new FrameAnalyzer.Box("person", (int) Math.round(r[i].x / upscale), (int) Math.round(r[i].y / upscale),
                            (int) Math.round(r[i].width / upscale), (int) Math.round(r[i].height / upscale), Math.round(w[i] * 100) / 100.0));
                }
            }
            return PersonDetector.suppress(out, 1.0);
        } finally {
            found.release();
            weights.release();
            if (big != null) {
                big.release();
            }
        }
    }

    @Override
    public void close() {
        // HOGDescriptor has no release() in the Java API: its native part is freed by its finalizer when collected
    }
}
