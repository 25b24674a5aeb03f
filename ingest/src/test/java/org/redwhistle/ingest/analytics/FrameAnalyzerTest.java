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

/** OpenCV analysis on real frames: opencv-doc's vtest.avi (people walking) and tree.avi (nobody). */
class FrameAnalyzerTest {

    private static final AnalyticsProperties PROPS = AnalyticsProperties.defaults();

    @Test
    void peopleAreFoundInFramesWithPeopleWithBoxesInsideTheFrame() throws Exception {
        FrameAnalyzer a = new FrameAnalyzer(PROPS);
        List<Path> frames = SampleFrames.people();
        int sampled = 0;
        int withPeople = 0;
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
                assertThat(b.score()).isGreaterThanOrEqualTo(PROPS.personThreshold());
                assertThat(b.x()).isBetween(-8, 640);
                assertThat(b.y()).isBetween(-8, 480);
                assertThat(b.w()).isBetween(40, 640);
                assertThat(b.h()).as("a person is taller than wide").isGreaterThan(b.w());
            }
        }
        // vtest.avi has people in every frame; HOG misses some (far away, overlapping): we measured 89% at threshold 3.0
        assertThat(withPeople).as("frames of vtest.avi where people were found, of %d", sampled).isGreaterThanOrEqualTo(sampled * 3 / 4);
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
        assertThat(r.people()).hasSameSizeAs(small.people());
        if (!small.people().isEmpty()) {
            assertThat(r.people().get(0).x()).isCloseTo(small.people().get(0).x() * 4, org.assertj.core.data.Offset.offset(16));
            assertThat(r.people().get(0).h()).isCloseTo(small.people().get(0).h() * 4, org.assertj.core.data.Offset.offset(16));
        }
    }

    @Test
    void nativeMemoryDoesNotGrowOverThousandsOfAnalysesAcrossManyCameras() throws Exception {
        AnalyticsProperties props = new AnalyticsProperties(true, 2, 8, 3.0, 0.005, 640, 16_777_216L, 32);
        FrameAnalyzer a = new FrameAnalyzer(props);
        List<byte[]> frames = new ArrayList<>();
        List<Path> people = SampleFrames.people();
        for (int i = 0; i < 24; i++) {
            frames.add(resized(SampleFrames.read(people.get(i * 6)), 320, 240));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            run(a, frames, pool, 0, 400); // warm up: HOG descriptors, the model pool, the allocator's arenas
            long rss0 = rss();
            long heap0 = heapCommitted();
            int n = 3000;
            run(a, frames, pool, 400, n);
            long rss1 = rss();
            long heap1 = heapCommitted();
            long nativeGrowth = (rss1 - rss0) - Math.max(0, heap1 - heap0);
            System.out.printf("native memory over %d analyses of 320x240 frames from 200 cameras: RSS %d -> %d MiB, heap committed %d -> %d MiB,"
                    + " native growth %.1f MiB, %d background models%n", n, rss0 >> 20, rss1 >> 20, heap0 >> 20, heap1 >> 20,
                    nativeGrowth / 1048576.0, a.models());
            // one leaked 320x240 frame per analysis would be 230 MB; one leaked model per camera 100 MB
            assertThat(nativeGrowth).as("native memory growth in bytes").isLessThan(40L << 20);
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
