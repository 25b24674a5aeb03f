package org.redwhistle.ingest.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * OpenCV analysis on real frames: opencv-doc's vtest.avi (people walking) and tree.avi (nobody), with
 * the configured detector (CenterNet since issue 22; its evaluation on other photographs is
 * {@link DetectorEvaluationTest}).
 */
class FrameAnalyzerTest {

    private static final AnalyticsProperties PROPS = AnalyticsProperties.defaults();

    @Test
    void peopleAreFoundInFramesWithPeopleWithBoxesInsideTheFrame() throws Exception {
        FrameAnalyzer a = new FrameAnalyzer(PROPS);
        List<Path> frames = SampleFrames.people();
        int sampled = 0;
        int withPeople = 0;
        int boxes = 0;
        int upright = 0;
        for (int i = 0; i < frames.size(); i += 4) {
            FrameAnalyzer.Result r = a.analyse("cam-people", SampleFrames.read(frames.get(i)));
            sampled++;
            assertThat(r.width()).isEqualTo(640);
            assertThat(r.height()).isEqualTo(480);
            if (!r.people().isEmpty()) {
                withPeople++;
            }
            for (FrameAnalyzer.Box b : r.people()) {
                assertThat(b.kind()).isEqualTo("person");
                assertThat(b.score()).isGreaterThanOrEqualTo(PROPS.threshold());
                assertThat(b.x()).isBetween(0, 640);
                assertThat(b.y()).isBetween(0, 480);
                assertThat(b.x() + b.w()).isLessThanOrEqualTo(640);
                assertThat(b.y() + b.h()).isLessThanOrEqualTo(480);
                assertThat(b.w()).isBetween(4, 640);
                boxes++;
                upright += b.h() > b.w() ? 1 : 0;
            }
        }
        // CenterNet boxes what it sees of a person: one half hidden behind another can be as wide as tall
        // (at 416×320, 232 of 260 boxes were taller than wide)
        assertThat(upright).as("boxes taller than wide, of %d", boxes).isGreaterThanOrEqualTo(boxes * 17 / 20);
        // vtest.avi has people in every frame; the Daimler HOG found them in 89% (issue 7), CenterNet in nearly all (docs/analytics.md)
        assertThat(withPeople).as("frames of vtest.avi where people were found, of %d", sampled).isGreaterThanOrEqualTo(sampled * 3 / 4);
    }

    @Test
    void aMissingModelStopsTheAnalyzerWhenItIsMadeSayingWhereTheModelComesFrom() {
        Path nowhere = Path.of("/nonexistent/centernet-person-512x384.onnx");
        assertThatThrownBy(() -> new FrameAnalyzer(PROPS.withModel(nowhere))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(nowhere.toString()).hasMessageContaining("rw_ensure_detector_model");
        // the Daimler HOG (detector = daimler) needs no model file
        assertThat(new FrameAnalyzer(PROPS.withDetector("daimler").withModel(nowhere)).models()).isZero();
        assertThatThrownBy(() -> PROPS.withDetector("yolo")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yolo");
    }

    @Test
    void nobodyIsFoundInEmptyScenes() throws Exception {
        FrameAnalyzer a = new FrameAnalyzer(PROPS);
        List<String> falsePeople = new ArrayList<>();
        for (Path p : SampleFrames.empty()) {
            FrameAnalyzer.Result r = a.analyse("cam-tree", SampleFrames.read(p));
            if (!r.people().isEmpty()) {
                falsePeople.add(p.getFileName() + " " + r.people());
            }
        }
        assertThat(falsePeople).as("people 'seen' in tree.avi, a tree in the wind").isEmpty();
    }

    @Test
    void motionIsFoundBetweenMovingFramesAndNotBetweenIdenticalOnesPerCamera() throws Exception {
        FrameAnalyzer a = new FrameAnalyzer(PROPS);
        List<Path> people = SampleFrames.people();
        byte[] still = SampleFrames.read(people.get(20));

        FrameAnalyzer.Result first = a.analyse("cam-still", still);
        assertThat(first.motion()).as("a camera's first frame only teaches its background").isNull();
        for (int i = 0; i < 5; i++) {
            FrameAnalyzer.Result r = a.analyse("cam-still", still);
            assertThat(r.motion()).as("the same frame again").isNotNull().isLessThan(PROPS.motionThreshold());
            assertThat(r.moving(PROPS.motionThreshold())).isFalse();
        }

        a.analyse("cam-walkway", SampleFrames.read(people.get(30)));
        for (int i = 31; i < 40; i++) {
            FrameAnalyzer.Result r = a.analyse("cam-walkway", SampleFrames.read(people.get(i)));
            assertThat(r.moving(PROPS.motionThreshold())).as("people walking, frame %d: motion %s", i, r.motion()).isTrue();
            assertThat(r.motionRegions()).isNotEmpty().allSatisfy(b -> {
                assertThat(b.kind()).isEqualTo("motion");
                assertThat(b.x() + b.w()).isLessThanOrEqualTo(640);
                assertThat(b.y() + b.h()).isLessThanOrEqualTo(480);
            });
        }
        // the walkway's movement did not touch the still camera's model
        assertThat(a.analyse("cam-still", still).motion()).isLessThan(PROPS.motionThreshold());
        assertThat(a.models()).isEqualTo(2);
    }

    @Test
    void corruptAndHugeImagesAreRefusedWithTheReasonAndBigOnesAreScaledDown() throws Exception {
        FrameAnalyzer a = new FrameAnalyzer(PROPS);
        byte[] good = SampleFrames.read(SampleFrames.people().get(40));
        assertThatThrownBy(() -> a.analyse("cam-x", "not an image".getBytes())).isInstanceOf(FrameAnalyzer.Unreadable.class)
                .hasMessage("not a JPEG (it does not start with FF D8)");
        assertThatThrownBy(() -> a.analyse("cam-x", Arrays.copyOf(good, 60))).isInstanceOf(FrameAnalyzer.Unreadable.class)
                .hasMessageContaining("JPEG");
        // a header claiming 30000×30000 pixels is refused before anything is decoded
        byte[] bomb = good.clone();
        int sof = sofOffset(bomb);
        bomb[sof + 5] = (byte) (30000 >> 8);
        bomb[sof + 6] = (byte) (30000 & 0xff);
        bomb[sof + 7] = (byte) (30000 >> 8);
        bomb[sof + 8] = (byte) (30000 & 0xff);
        assertThatThrownBy(() -> a.analyse("cam-x", bomb)).isInstanceOf(FrameAnalyzer.Unreadable.class)
                .hasMessage("image of 30000×30000 pixels is larger than 16777216 pixels");
        // the header is right but the scan is cut short: OpenCV decodes what it can or refuses; never a crash
        byte[] cut = Arrays.copyOf(good, good.length / 3);
        try {
            a.analyse("cam-cut", cut);
        } catch (FrameAnalyzer.Unreadable e) {
            assertThat(e.getMessage()).isEqualTo("OpenCV could not decode the JPEG");
        }

        // 2560×1920: analysed at 640 wide, boxes in the frame's own pixels
        byte[] big = resized(good, 2560, 1920);
        FrameAnalyzer.Result r = a.analyse("cam-big", big);
        assertThat(r.width()).isEqualTo(2560);
        FrameAnalyzer.Result small = a.analyse("cam-small", good);
        // the same people, but for one whose score sits at the threshold (the two scalings differ by a few grey levels)
        assertThat(r.people().size()).isCloseTo(small.people().size(), org.assertj.core.data.Offset.offset(1));
        assertThat(small.people()).isNotEmpty();
        assertThat(r.people().get(0).x()).isCloseTo(small.people().get(0).x() * 4, org.assertj.core.data.Offset.offset(16));
        assertThat(r.people().get(0).h()).isCloseTo(small.people().get(0).h() * 4, org.assertj.core.data.Offset.offset(16));
    }

    @Test
    void nativeMemoryDoesNotGrowOverThousandsOfAnalysesAcrossManyCameras() throws Exception {
        AnalyticsProperties d = AnalyticsProperties.defaults();
        AnalyticsProperties props = new AnalyticsProperties(true, 2, 8, d.detector(), d.personThreshold(), d.hogThreshold(), d.model(), 0.005, 640,
                16_777_216L, 32);
        FrameAnalyzer a = new FrameAnalyzer(props);
        List<byte[]> frames = new ArrayList<>();
        List<Path> people = SampleFrames.people();
        for (int i = 0; i < 24; i++) {
            frames.add(resized(SampleFrames.read(people.get(i * 6)), 320, 240));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // warm up: each thread's network and its layer buffers, the model pool, the allocator's arenas
            run(a, frames, pool, 0, 2000);
            int n = 2000;
            long rss0 = rss(); // after a full collection, then the heap's size: the collection may shrink it
            long heap0 = heapCommitted();
            run(a, frames, pool, 2000, n);
            long rss1 = rss();
            long heap1 = heapCommitted();
            run(a, frames, pool, 4000, n);
            long rss2 = rss();
            long heap2 = heapCommitted();
            long first = (rss1 - rss0) - Math.max(0, heap1 - heap0);
            long second = (rss2 - rss1) - Math.max(0, heap2 - heap1);
            System.out.printf("native memory over two windows of %d analyses of 320x240 frames from 200 cameras: RSS %d -> %d -> %d MiB, heap committed"
                    + " %d -> %d -> %d MiB, native growth %.1f then %.1f MiB, %d background models%n", n, rss0 >> 20, rss1 >> 20, rss2 >> 20,
                    heap0 >> 20, heap1 >> 20, heap2 >> 20, first / 1048576.0, second / 1048576.0, a.models());
            // A leak per analysis grows RSS by the same amount in every window; buffers and allocator arenas still filling grow it in
            // one window and not the next (measured: up to 34 MiB in one window, single MiB in a later one). So the lesser of the two
            // windows' growths is the leak's upper bound, and it must stay under 64 MiB per 2,000 analyses (32 KiB per analysis).
            // The smallest leak that matters is caught by a factor of two or more: one 320x240 grey frame per analysis is 75 KiB
            // (150 MB per window), the colour frame 225 KiB (460 MB), the network's input (416x320x3 floats) 1.6 MB (3.2 GB).
            // Not caught: a leak under 32 KiB per analysis (e.g. the 160x120 motion copy, 19 KiB).
            assertThat(Math.min(first, second)).as("native memory growth in bytes over the lesser of two windows of %d analyses", n)
                    .isLessThan(64L << 20);
            assertThat(a.models()).isLessThanOrEqualTo(32);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void run(FrameAnalyzer a, List<byte[]> frames, ExecutorService pool, int from, int n) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = from + thread; i < from + n; i += 2) {
                    a.analyse("cam-" + (i % 200), frames.get(i % frames.size()));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
    }

    private static long rss() throws Exception {
        System.gc();
        Thread.sleep(200);
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    private static long heapCommitted() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
    }

    static byte[] resized(byte[] jpeg, int w, int h) {
        OpenCv.load();
        MatOfByte in = new MatOfByte(jpeg);
        Mat img = Imgcodecs.imdecode(in, Imgcodecs.IMREAD_COLOR);
        Mat out = new Mat();
        MatOfByte enc = new MatOfByte();
        try {
            Imgproc.resize(img, out, new Size(w, h), 0, 0, w > img.cols() ? Imgproc.INTER_LINEAR : Imgproc.INTER_AREA);
            Imgcodecs.imencode(".jpg", out, enc);
            return enc.toArray();
        } finally {
            in.release();
            img.release();
            out.release();
            enc.release();
        }
    }

    private static int sofOffset(byte[] b) {
        for (int i = 2; i + 1 < b.length; i++) {
            int m = b[i + 1] & 0xff;
            if ((b[i] & 0xff) == 0xFF && m >= 0xC0 && m <= 0xC2) {
                return i;
            }
        }
        throw new IllegalStateException("no SOF");
    }
}
