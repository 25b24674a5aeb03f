package org.redwhistle.ingest.analytics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.BackgroundSubtractorMOG2;
import org.opencv.video.Video;

/**
 * Looks at one camera frame with OpenCV: people by the configured {@link PersonDetector} (a
 * MobileNetV3 CenterNet through OpenCV's DNN module by default, issue 22; the Daimler HOG of issue 7
 * on request), and motion against that camera's own background model (MOG2).
 *
 * <p>Native memory: every pixel buffer (the decoded frame, its grey copy, the scaled copies, the
 * network's input blob and outputs, the foreground mask, contours) is released in a {@code finally}
 * before {@link #analyse} returns, so it never waits for the garbage collector; only the
 * few-dozen-byte Java headers of those Mats are left to it. Each calling thread loads the detector
 * (the network) once and keeps it. Background models are a bounded pool
 * ({@link AnalyticsProperties#maxCameras()}): a camera not seen for longest gives its model to a
 * new camera, which re-initialises it from its first frame (learning rate 1), so the number of
 * models never grows past the bound.
 *
 * <p>Thread-safe: frames of different cameras run in parallel; frames of one camera take turns on
 * its model.
 */
public final class FrameAnalyzer {

    /** A frame that cannot be analysed, and why. */
    public static final class Unreadable extends Exception {
        public Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** A region in the frame's own pixels: {@code kind} is {@code person} or {@code motion}. */
    public record Box(String kind, int x, int y, int w, int h, double score) {
    }

    /**
     * What was seen. {@code motion} is the foreground share of the frame, null for a camera's first
     * frame (its background is being learned).
     */
    public record Result(int width, int height, List<Box> people, Double motion, List<Box> motionRegions, long micros) {
        public double bestPersonScore() {
            return people.stream().mapToDouble(Box::score).max().orElse(0);
        }

        public boolean moving(double threshold) {
            return motion != null && motion >= threshold;
        }
    }

    private static final int MOTION_WIDTH = 160;
    private static final int MAX_REGIONS = 5;

    static {
        OpenCv.load();
    }

    private final AnalyticsProperties props;
    private final ThreadLocal<PersonDetector> detector;
    private final LinkedHashMap<String, Model> models = new LinkedHashMap<>(64, 0.75f, true);

    /**
     * @throws IllegalStateException when the detector's model is missing or unreadable: the platform
     *                               does not start without the detector it was configured with
     */
    public FrameAnalyzer(AnalyticsProperties props) {
        this.props = props;
        String spec = props.detectorSpec();
        PersonDetector.create(spec, props.model()).close(); // fails now, at start, if the model is missing or broken
        this.detector = ThreadLocal.withInitial(() -> PersonDetector.create(spec, props.model()));
    }

    /** One camera's background model, lent to one thread at a time. */
    private static final class Model {
        final BackgroundSubtractorMOG2 mog = Video.createBackgroundSubtractorMOG2(50, 16, false);
        String camera;
        long frames;
        int users;

        Model(String camera) {
            this.camera = camera;
            mog.setNMixtures(3);
        }
    }

    public Result analyse(String cameraId, byte[] jpeg) throws Unreadable {
        long t0 = System.nanoTime();
        JpegHeader.Size size = JpegHeader.size(jpeg);
        if (size.pixels() > props.maxPixels()) {
            throw new Unreadable("image of " + size.width() + "×" + size.height() + " pixels is larger than " + props.maxPixels() + " pixels");
        }
        MatOfByte buf = new MatOfByte(jpeg);
        Mat bgr = null;
        Mat gray = new Mat();
        try {
            bgr = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_COLOR);
            if (bgr.empty()) {
                throw new Unreadable("OpenCV could not decode the JPEG");
            }
            Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
            List<Box> people = people(bgr, gray);
            Motion m = motion(cameraId, gray);
            return new Result(gray.cols(), gray.rows(), people, m.share(), m.regions(), (System.nanoTime() - t0) / 1000);
        } finally {
            buf.release();
            gray.release();
            if (bgr != null) {
                bgr.release();
            }
        }
    }

    /** People, strongest first, in the frame's pixels. */
    private List<Box> people(Mat bgr, Mat gray) {
        Mat smallBgr = null;
        Mat smallGray = null;
        try {
            double f = 1;
            Mat b = bgr;
            Mat g = gray;
            if (bgr.cols() > props.maxWidth()) {
                f = (double) props.maxWidth() / bgr.cols();
                Size s = new Size(props.maxWidth(), Math.round(bgr.rows() * f));
                smallBgr = new Mat();
                smallGray = new Mat();
                Imgproc.resize(bgr, smallBgr, s, 0, 0, Imgproc.INTER_AREA);
                Imgproc.resize(gray, smallGray, s, 0, 0, Imgproc.INTER_AREA);
                b = smallBgr;
                g = smallGray;
            }
            List<Box> out = new ArrayList<>();
            for (Box r : detector.get().detect(b, g)) {
                out.add(f == 1 ? r : new Box("person", (int) Math.round(r.x() / f), (int) Math.round(r.y() / f), (int) Math.round(r.w() / f),
                        (int) Math.round(r.h() / f), r.score()));
            }
            out.sort(Comparator.comparingDouble(Box::score).reversed());
            return out;
        } finally {
            if (smallBgr != null) {
                smallBgr.release();
                smallGray.release();
            }
        }
    }

    private record Motion(Double share, List<Box> regions) {
    }

    private Motion motion(String cameraId, Mat gray) {
        Model model = borrow(cameraId);
        Mat small = new Mat();
        Mat fg = new Mat();
        Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        Mat hierarchy = new Mat();
        List<MatOfPoint> contours = new ArrayList<>();
        try {
            double f = (double) MOTION_WIDTH / gray.cols();
            Imgproc.resize(gray, small, new Size(MOTION_WIDTH, Math.max(1, Math.round(gray.rows() * f))), 0, 0, Imgproc.INTER_AREA);
            boolean first;
            synchronized (model) {
                first = model.frames++ == 0;
                // a model new to this camera starts over from this frame
                model.mog.apply(small, fg, first ? 1.0 : -1);
            }
            if (first) {
                return new Motion(null, List.of());
            }
            Imgproc.morphologyEx(fg, fg, Imgproc.MORPH_OPEN, kernel);
            double share = Core.countNonZero(fg) / (double) fg.total();
            List<Box> regions = new ArrayList<>();
            if (share > 0) {
                Imgproc.findContours(fg, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
                double minArea = fg.total() * 0.001;
                for (MatOfPoint c : contours) {
                    Rect r = Imgproc.boundingRect(c);
                    double area = Imgproc.contourArea(c);
                    if (area >= minArea) {
                        regions.add(new Box("motion", (int) Math.round(r.x / f), (int) Math.round(r.y / f), (int) Math.round(r.width / f),
                                (int) Math.round(r.height / f), Math.round(area / fg.total() * 10000) / 10000.0));
                    }
                }
                regions.sort(Comparator.comparingDouble(Box::score).reversed());
            }
            return new Motion(Math.round(share * 10000) / 10000.0, regions.size() > MAX_REGIONS ? regions.subList(0, MAX_REGIONS) : regions);
        } finally {
            giveBack(model);
            small.release();
            fg.release();
            kernel.release();
            hierarchy.release();
            contours.forEach(Mat::release);
        }
    }

    private Model borrow(String camera) {
        synchronized (models) {
            Model m = models.get(camera);
            if (m == null) {
                if (models.size() < Math.max(1, props.maxCameras())) {
                    m = new Model(camera);
                } else {
                    // the least recently seen camera not being analysed right now gives up its model
                    Map.Entry<String, Model> free = models.entrySet().stream().filter(e -> e.getValue().users == 0).findFirst().orElse(null);
                    if (free == null) {
                        m = new Model(camera); // every model is in use: more workers than models; not kept below
                    } else {
                        models.remove(free.getKey());
                        m = free.getValue();
                        m.camera = camera;
                        m.frames = 0;
                    }
                }
                if (models.size() < Math.max(1, props.maxCameras())) {
                    models.put(camera, m);
                }
            }
            m.users++;
            return m;
        }
    }

    private void giveBack(Model m) {
        synchronized (models) {
            m.users--;
        }
    }

    /** Background models held now. */
    public int models() {
        synchronized (models) {
            return models.size();
        }
    }
}
