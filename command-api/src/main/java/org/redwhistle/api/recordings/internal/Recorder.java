package org.redwhistle.api.recordings.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.redwhistle.api.video.FfmpegProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One camera's recorder: an ffmpeg child reading the camera's stream and writing it, stream-copied (no
 * re-encoding), into short MP4 segments with a CSV segment list. Packets are stamped with their arrival
 * time ({@code -use_wallclock_as_timestamps}); ffmpeg prints the first one's as the input's {@code start:},
 * which anchors the list's offsets to the wall clock. The child is supervised by the video feature's
 * {@link FfmpegProcess}. Not thread-safe: the supervisor's single thread drives it.
 */
final class Recorder {

    private static final Logger log = LoggerFactory.getLogger(Recorder.class);
    private static final Pattern START = Pattern.compile("\\bstart: (\\d+\\.\\d+)");
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    /** A segment ffmpeg finished, in wall-clock time; {@code file} is absolute. */
    record Finished(Path file, Instant startedAt, Instant endedAt, long bytes) {
    }

    private final String cameraId;
    private final String url;
    private final Path cameraDir;
    private final String ffmpeg;
    private final RecordingProperties props;
    private final List<String> command = new ArrayList<>();

    private FfmpegProcess process;
    private Path list;
    private long linesRead;
    private Instant anchor;
    private int failures;
    private Instant restartAt = Instant.MIN;
    private Instant observedStart;

    Recorder(String cameraId, String url, Path cameraDir, String ffmpeg, RecordingProperties props) {
        this.cameraId = cameraId;
        this.url = url;
        this.cameraDir = cameraDir;
        this.ffmpeg = ffmpeg;
        this.props = props;
    }

    String cameraId() {
        return cameraId;
    }

    String url() {
        return url;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Starts ffmpeg unless it runs or its restart back-off has not passed. */
    void ensureRunning(Instant now) {
        if (running() || now.isBefore(restartAt)) {
            return;
        }
        String run = String.valueOf(now.toEpochMilli());
        try {
            Files.createDirectories(cameraDir);
        } catch (IOException e) {
            throw new UncheckedIOException("recordings directory " + cameraDir + " not writable", e);
        }
        list = cameraDir.resolve(run + ".csv");
        linesRead = 0;
        anchor = null;
        observedStart = now;
        command.clear();
        // info, not warning: the input's "start:" line is the wall-clock anchor
        command.addAll(List.of(ffmpeg, "-hide_banner", "-nostats", "-nostdin", "-loglevel", "info"));
        if (url.startsWith("rtsp:")) {
            command.addAll(List.of("-rtsp_transport", "tcp"));
        }
        command.addAll(List.of("-use_wallclock_as_timestamps", "1", "-i", url, "-map", "0:v:0", "-c", "copy", "-an",
                "-f", "segment", "-segment_time", String.valueOf(props.segment().toMillis() / 1000.0), "-reset_timestamps", "1",
                "-segment_format", "mp4", "-segment_format_options", "movflags=+faststart",
                "-segment_list", list.toString(), "-segment_list_type", "csv",
                cameraDir.resolve(run + "-%06d.mp4").toString()));
        try {
            process = FfmpegProcess.launch(command).name("record " + cameraId).start();
        } catch (IOException e) {
            failed(now, "cannot start " + ffmpeg + ": " + e.getMessage());
            return;
        }
        log.info("recorder started: camera={} run={}", cameraId, run);
    }

    /** The first packet's wall-clock time, from ffmpeg's {@code Input #0 ... start: <epoch seconds>} line. */
    private void readAnchor() {
        if (anchor != null || process == null) {
            return;
        }
        Matcher m = START.matcher(process.recentStderr());
        if (m.find()) {
            double s = Double.parseDouble(m.group(1));
            anchor = Instant.ofEpochSecond((long) s, Math.round((s - Math.floor(s)) * 1e9));
        }
    }

    /**
     * The segments finished since the last call. When ffmpeg has exited, the rest of its list is read and
     * a restart is scheduled after the back-off (doubling per failure in a row, up to a minute).
     */
    List<Finished> collect(Instant now) {
        List<Finished> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        boolean exited = process != null && !process.isAlive();
        readAnchor();
        readList(now, out);
        if (!out.isEmpty()) {
            failures = 0;
        }
        if (exited) {
            String[] tail = process.recentStderr().split("\n");
            // ffmpeg names its input with the URL, which may carry the camera's credentials
            failed(now, "ffmpeg exited: " + tail[tail.length - 1].replaceAll("://[^/@\\s]+@", "://***@"));
            process = null;
        }
        return out;
    }

    private void readList(Instant now, List<Finished> out) {
        if (!Files.isRegularFile(list)) {
            return;
        }
        List<String> lines;
        try {
            String text = Files.readString(list, StandardCharsets.UTF_8);
            int complete = text.lastIndexOf('\n');
            lines = complete < 0 ? List.of() : List.of(text.substring(0, complete).split("\n"));
        } catch (IOException e) {
            log.warn("recorder: segment list unreadable: camera={} list={} error={}", cameraId, list, e.toString());
            return;
        }
        for (long i = linesRead; i < lines.size(); i++) {
            String[] f = lines.get((int) i).split(",");
            if (f.length < 3) {
                continue;
            }
            double start = Double.parseDouble(f[f.length - 2]);
            double end = Double.parseDouble(f[f.length - 1]);
            if (anchor == null) {
                // no start time printed: the first segment ended when it was seen
                anchor = now.minusMillis(Math.round(end * 1000));
                log.warn("recorder: no start time from ffmpeg, anchored on observation: camera={}", cameraId);
            }
            Path file = cameraDir.resolve(Path.of(f[0]).getFileName());
            long bytes;
            try {
                bytes = Files.size(file);
            } catch (IOException e) {
                continue;
            }
            out.add(new Finished(file, anchor.plusMillis(Math.round(start * 1000)), anchor.plusMillis(Math.round(end * 1000)), bytes));
        }
        linesRead = Math.max(linesRead, lines.size());
    }

    private void failed(Instant now, String why) {
        failures++;
        Duration wait = props.restartBackoff().multipliedBy(1L << Math.min(failures - 1, 10));
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        restartAt = now.plus(wait);
        log.warn("recorder stopped: camera={} failures={} restart-in={} reason={} since={}", cameraId, failures, wait, why, observedStart);
    }

    /** Stops ffmpeg (it closes the open segment on SIGTERM) and returns what it finished. */
    List<Finished> stop(Instant now) {
        if (process != null) {
            process.stop(Duration.ofSeconds(5));
        }
        List<Finished> out = new ArrayList<>();
        if (list != null) {
            readAnchor();
            readList(now, out);
        }
        process = null;
        log.info("recorder stopped: camera={}", cameraId);
        return out;
    }
}
