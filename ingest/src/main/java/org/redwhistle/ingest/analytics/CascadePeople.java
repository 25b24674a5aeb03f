package org.redwhistle.ingest.analytics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.MatOfDouble;
import org.opencv.core.MatOfRect;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.opencv.objdetect.CascadeClassifier;

/**
 * A Haar or LBP cascade of Debian's opencv-data (bodies, upper bodies, faces); a face found counts
 * as a person. Score: the cascade's level weight (its last stage's sum), from the detections with
 * at least {@code minNeighbours} overlapping hits.
 */
final class CascadePeople implements PersonDetector {

    static final Path DIR = Path.of("/usr/share/opencv4");

    private final CascadeClassifier cascade;
    private final int minNeighbours;

    CascadePeople(String file, int minNeighbours) {
        Path p = file.contains("/") ? Path.of(file) : DIR.resolve(file.startsWith("lbp") ? "lbpcascades" : "haarcascades").resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no cascade " + p + " (Debian package opencv-data)");
        }
        this.cascade = new CascadeClassifier(p.toString());
        if (cascade.empty()) {
            throw new IllegalArgumentException("OpenCV could not load the cascade " + p);
        }
        this.minNeighbours = minNeighbours;
    }

    @Override
    public List<FrameAnalyzer.Box> detect(Mat bgr, Mat gray) {
        Mat eq = new Mat();
        MatOfRect found = new MatOfRect();
        MatOfInt levels = new MatOfInt();
        MatOfDouble weights = new MatOfDouble();
        try {
            Imgproc.equalizeHist(gray, eq);
            cascade.detectMultiScale3(eq, found, levels, weights, 1.1, minNeighbours, 0, new Size(24, 24), new Size(), true);
            Rect[] r = found.toArray();
            double[] w = weights.empty() ? new double[r.length] : weights.toArray();
            List<FrameAnalyzer.Box> out = new ArrayList<>();
            for (int i = 0; i < r.length; i++) {
                out.add(new FrameAnalyzer.Box("person", r[i].x, r[i].y, r[i].width, r[i].height, Math.round((i < w.length ? w[i] : 0) * 100) / 100.0));
            }
            return PersonDetector.suppress(out, 1.0);
        } finally {
            eq.release();
            found.release();
            levels.release();
            weights.release();
        }
    }

    @Override
    public void close() {
        // no release() in the Java API: the native part is freed by the finalizer when collected
    }
}
