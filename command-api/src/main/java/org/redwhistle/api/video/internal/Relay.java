package org.redwhistle.api.video.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.redwhistle.api.video.FfmpegProcess;
import org.redwhistle.api.video.VideoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera relayed to browsers: an ffmpeg that pulls the camera's RTSP over TCP and repackages its
 * H.264 without re-encoding ({@code -c copy}) into fragmented MP4 on stdout, cut into pieces by
 * {@link Fmp4Reader}. Keeps the init segment and the fragments since the last keyframe, so a viewer
 * who joins gets a picture at once, and hands every new piece to the viewers' sockets.
 */
final class Relay {

    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    /** A viewer's socket: takes pieces; answers false when it cannot keep up (it is then dropped). */
    interface Viewer {
        boolean offer(Fmp4Reader.Piece piece);

        void ended();
    }

    private final String cameraId;
    private final FfmpegProcess process;
    private final Set<Viewer> viewers = new CopyOnWriteArraySet<>();
    private final CountDownLatch firstPicture = new CountDownLatch(1);
    private final Object lock = new Object();
    private Fmp4Reader.Piece init;
    private final List<Fmp4Reader.Piece> sinceKeyframe = new ArrayList<>();
    private volatile boolean ended;
    private volatile String codec = "avc1.42E01E";

    private Relay(String cameraId, FfmpegProcess process) {
        this.cameraId = cameraId;
        this.process = process;
    }

    /** Starts ffmpeg for the camera; {@code onEnd} is told when it ends on its own or is stopped. */
    static Relay start(String cameraId, URI source, VideoProperties props, Consumer<Relay> onEnd) throws IOException {
        List<String> args = List.of("-rtsp_transport", "tcp", "-fflags", "nobuffer", "-flags", "low_delay",
                "-analyzeduration", "500000", "-probesize", "200000", "-i", source.toString(),
                "-an", "-c:v", "copy", "-f", "mp4",
                // a fragment at each keyframe and at least every 100 ms, so a picture leaves ~100 ms after it came in
                "-movflags", "frag_keyframe+empty_moov+default_base_moof", "-frag_duration", "100000", "pipe:1");
        Relay[] self = new Relay[1];
        FfmpegProcess p = FfmpegProcess.ffmpeg(props, args).name("live " + cameraId)
                .stderrTo(props.logDir().resolve("live-" + safe(cameraId) + ".log")).pipeStdout()
                .onExit(code -> {
                    if (self[0] != null) {
                        self[0].end();
                        onEnd.accept(self[0]);
                    }
                })
                .start();
        Relay r = new Relay(cameraId, p);
        self[0] = r;
        Thread reader = new Thread(r::pump, "live-" + cameraId);
        reader.setDaemon(true);
        reader.start();
        if (!p.isAlive()) { // exited before the listener could see the relay
            r.end();
            onEnd.accept(r);
        }
        return r;
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private void pump() {
        Fmp4Reader reader = new Fmp4Reader(process.stdout());
        try {
            while (true) {
                Fmp4Reader.Piece piece = reader.next();
                synchronized (lock) {
                    if (piece.init()) {
                        init = piece;
                        codec = codecOf(piece.bytes());
                        sinceKeyframe.clear();
                        continue;
                    }
                    if (piece.keyframe()) {
                        sinceKeyframe.clear();
                        firstPicture.countDown();
                    }
                    if (firstPicture.getCount() > 0) {
                        continue; // nothing decodable before the first keyframe
                    }
                    sinceKeyframe.add(piece);
                }
                for (Viewer v : viewers) {
                    if (!v.offer(piece)) {
                        detach(v);
                        v.ended();
                    }
                }
            }
        } catch (IOException e) {
            if (!ended && !Fmp4Reader.isEnd(e)) {
                log.warn("live relay stream unreadable camera={} error={}", cameraId, e.getMessage());
            }
        }
    }

    /** Adds a viewer: it gets the init segment and the fragments since the last keyframe first, then each new one. */
    boolean attach(Viewer viewer) {
        synchronized (lock) {
            if (ended || init == null) {
                return false;
            }
            viewer.offer(init);
            sinceKeyframe.forEach(viewer::offer);
            viewers.add(viewer);
        }
        return true;
    }

    void detach(Viewer viewer) {
        viewers.remove(viewer);
    }

    /** Waits until the camera's first keyframe arrived; false if it did not within the time or the relay ended. */
    boolean awaitPicture(java.time.Duration timeout) throws InterruptedException {
        return firstPicture.await(timeout.toMillis(), TimeUnit.MILLISECONDS) && !ended;
    }

    /** The MSE codec string of the stream, e.g. {@code avc1.42E01E}, from the init segment's avcC box. */
    String codec() {
        return codec;
    }

    static String codecOf(byte[] init) {
        for (int i = 0; i + 8 < init.length; i++) {
            if (init[i] == 'a' && init[i + 1] == 'v' && init[i + 2] == 'c' && init[i + 3] == 'C') {
                return String.format("avc1.%02X%02X%02X", init[i + 5] & 0xFF, init[i + 6] & 0xFF, init[i + 7] & 0xFF);
            }
        }
        return "avc1.42E01E";
    }

    String cameraId() {
        return cameraId;
    }

    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return !ended && process.isAlive();
    }

    /** Stops ffmpeg (blocking up to the grace period, then kills it) and ends the viewers' sockets. */
    void stop(java.time.Duration grace) {
        end();
        process.stop(grace);
    }

    private void end() {
        ended = true;
        firstPicture.countDown();
        for (Viewer v : viewers) {
            viewers.remove(v);
            v.ended();
        }
    }

    Path logFile(VideoProperties props) {
        return props.logDir().resolve("live-" + safe(cameraId) + ".log");
    }
}
