package org.redwhistle.api.recordings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

/**
 * Cuts one MP4 out of a camera's segments for a time range: ffmpeg's concat demuxer joins the segments and the
 * range is taken stream-copied ({@code -c copy}, no re-encoding), so the cut begins and ends on key frames near
 * the range's ends (within one GOP). Gaps between segments are joined over, not filled.
 */
@Component
class Cutter {

    private static final long TIMEOUT_S = 120;

    private final RecordingProperties props;
    private final String ffmpeg;

    Cutter(RecordingProperties props, org.redwhistle.api.video.VideoProperties video) {
        this.props = props;
        this.ffmpeg = video.ffmpeg();
    }

    /** What was written: the file, its size and its duration as ffprobe reads it. */
    record Cut(Path file, long bytes, double durationS) {
    }

    /** Writes {@code out} from the segments (oldest first, overlapping the range) for {@code [from, to)}. */
    Cut cut(List<SegmentStore.Segment> segments, Instant from, Instant to, Path out) throws IOException {
        if (segments.isEmpty()) {
            throw new IOException("no footage in the range");
        }
        Path root = props.dir().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path list = Files.createTempFile(out.getParent(), "concat-", ".txt");
        Path partial = out.resolveSibling(list.getFileName().toString().replace(".txt", ".part.mp4"));
        try {
            StringBuilder b = new StringBuilder("ffconcat version 1.0\n");
            for (SegmentStore.Segment s : segments) {
                b.append("file '").append(root.resolve(s.path()).toString().replace("'", "'\\''")).append("'\n");
            }
            Files.writeString(list, b.toString(), StandardCharsets.UTF_8);
            Instant first = segments.get(0).startedAt();
            Instant last = segments.get(segments.size() - 1).endedAt();
            Instant start = from.isAfter(first) ? from : first;
            Instant end = to.isBefore(last) ? to : last;
            double offset = Duration.between(first, start).toMillis() / 1000.0;
            double length = Math.max(0.1, Duration.between(start, end).toMillis() / 1000.0);
            run(List.of(ffmpeg, "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-f", "concat", "-safe", "0",
                    "-ss", String.format(java.util.Locale.ROOT, "%.3f", offset), "-i", list.toString(),
                    "-t", String.format(java.util.Locale.ROOT, "%.3f", length), "-map", "0:v:0", "-c", "copy",
                    "-movflags", "+faststart", "-f", "mp4", partial.toString()));
            Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Cut(out, Files.size(out), duration(out));
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(partial);
        }
    }

    /** The container's duration in seconds, as ffprobe reads it. */
    double duration(Path file) throws IOException {
        String text = run(List.of(props.ffprobe(), "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file.toString()));
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException("ffprobe gave no duration for " + file + ": " + text.strip());
        }
    }

    private static String run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        try {
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " took longer than " + TIMEOUT_S + " s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(command.get(0) + " failed (" + p.exitValue() + "): " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }
}
