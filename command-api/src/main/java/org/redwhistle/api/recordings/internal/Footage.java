package org.redwhistle.api.recordings.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.springframework.stereotype.Component;

/**
 * Playback and export: a camera's footage in a range cut into one MP4 (kept an hour under {@code cuts/}, so Range
 * requests and a repeated download do not cut again), or an alarm's clip. Every playback and export is audited with
 * who, which camera and which range; a Range request that continues a playback (not from byte 0) is not audited again.
 */
@Component
class Footage {

    private final SegmentStore segments;
    private final ClipStore clips;
    private final RecordingModes modes;
    private final Cutter cutter;
    private final AuditLog audit;
    private final RecordingProperties props;

    Footage(SegmentStore segments, ClipStore clips, RecordingModes modes, Cutter cutter, AuditLog audit, RecordingProperties props) {
        this.segments = segments;
        this.clips = clips;
        this.modes = modes;
        this.cutter = cutter;
        this.audit = audit;
        this.props = props;
    }

    /** What is served: the file, its download name, and how long it is. */
    record Served(Path file, String filename) {
    }

    enum Use {
        PLAYBACK("recording.playback"), EXPORT("recording.export");

        final String action;

        Use(String action) {
            this.action = action;
        }
    }

    /** The camera's footage in {@code [from, to)} as one MP4. */
    Served range(DeviceScope reach, String actor, String cameraId, Instant from, Instant to, Use use, boolean audited) {
        if (!to.isAfter(from)) {
            throw ApiException.badField("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(props.maxWindow()) > 0) {
            throw ApiException.badField("to", "the range may span at most " + props.maxWindow().toHours() + " h");
        }
        modes.setting(reach, cameraId).orElseThrow(() -> ApiException.notFound("camera " + cameraId));
        List<SegmentStore.Segment> found = segments.overlapping(cameraId, from, to);
        if (found.isEmpty()) {
            throw ApiException.notFound("footage of camera " + cameraId + " between " + from + " and " + to);
        }
        String safe = cameraId.replaceAll("[^A-Za-z0-9_.-]", "_");
        // named by the range and the newest segment in it: a later request after more footage was filed cuts afresh
        long newest = found.stream().mapToLong(SegmentStore.Segment::id).max().orElseThrow();
        Path out = props.dir().toAbsolutePath().resolve("cuts")
                .resolve(safe + "-" + from.toEpochMilli() + "-" + to.toEpochMilli() + "-" + newest + ".mp4");
        if (!Files.isRegularFile(out)) {
            try {
                cutter.cut(found, from, to, out);
            } catch (IOException e) {
                throw new IllegalStateException("footage of " + cameraId + " could not be cut: " + e.getMessage(), e);
            }
        }
        if (audited) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("camera", cameraId);
            detail.put("from", from.toString());
            detail.put("to", to.toString());
            detail.put("segments", found.size());
            audit.record(actor, use.action, "camera", cameraId, null, detail);
        }
        return new Served(out, safe + "_" + Names.stamp(from) + "_" + Names.stamp(to) + ".mp4");
    }

    /** An alarm's ready clip. */
    Served clip(DeviceScope reach, String actor, long clipId, Use use, boolean audited) {
        ClipStore.Clip c = clips.find(reach, clipId).orElseThrow(() -> ApiException.notFound("clip " + clipId));
        if (!"READY".equals(c.status()) || c.path() == null) {
            throw ApiException.notFound("clip " + clipId + " (" + c.status() + ")");
        }
        Path file = props.dir().toAbsolutePath().resolve(c.path());
        if (!Files.isRegularFile(file)) {
            throw ApiException.notFound("clip " + clipId + " file");
        }
        if (audited) {
            audit.record(actor, use.action, "camera", c.cameraId(), null, Map.of("camera", c.cameraId(), "clip", clipId, "alarm", c.alarmId(),
                    "from", c.from().toString(), "to", c.to().toString()));
        }
        return new Served(file, "alarm-" + c.alarmId() + "_" + c.cameraId().replaceAll("[^A-Za-z0-9_.-]", "_") + ".mp4");
    }

    /** Download names in Beijing time, as the users read times. */
    static final class Names {
        private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                .withZone(java.time.ZoneId.of("Asia/Shanghai"));

        static String stamp(Instant t) {
            return STAMP.format(t);
        }
    }
}
