package org.redwhistle.api.recordings.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.redwhistle.api.recordings.RecordingMode;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Camera recording (docs/recordings.md).
 *
 * @param enabled         whether this instance runs the recorders (one ffmpeg per recorded camera); in a cluster,
 *                        enable it on one instance only. Search, playback, export and clips work on every instance
 *                        that sees the same directory
 * @param dir             where segments, alarm clips and cut exports are written
 * @param ffprobe         the ffprobe binary (measures cut clips)
 * @param defaultMode     the mode of a camera without its own setting
 * @param continuousCameras cameras (device ids) recorded CONTINUOUS unless set otherwise, whatever the default mode
 * @param eventCameras    cameras recorded on EVENTS unless set otherwise, whatever the default mode
 * @param segment         length of one recorded segment (cut at the next key frame after it)
 * @param retention       how long CONTINUOUS footage is kept
 * @param eventBuffer     how long EVENTS footage is kept when no event or alarm lies near it (the rolling buffer)
 * @param preRoll         how much of an alarm's clip lies before the alarm
 * @param postRoll        how much lies after it
 * @param clipRetention   how long an alarm's clip, and the segments it covers, are kept
 * @param maxWindow       the longest time range one search, playback or export may span
 * @param maxRadius       the largest search radius
 * @param sweepInterval   how often the segment lists are read, recorders reconciled and due clips cut
 * @param retentionCheck  how often the retention job runs (once per cluster)
 * @param restartBackoff  the first wait before a failed recorder is restarted (doubled per failure, up to 1 min)
 */
@ConfigurationProperties("redwhistle.recordings")
public record RecordingProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("data/recordings") Path dir,
        @DefaultValue("ffprobe") String ffprobe,
        @DefaultValue("EVENTS") RecordingMode defaultMode,
        @DefaultValue("") java.util.Set<String> continuousCameras,
        @DefaultValue("") java.util.Set<String> eventCameras,
        @DefaultValue("10s") Duration segment,
        @DefaultValue("7d") Duration retention,
        @DefaultValue("2m") Duration eventBuffer,
        @DefaultValue("15s") Duration preRoll,
        @DefaultValue("15s") Duration postRoll,
        @DefaultValue("90d") Duration clipRetention,
        @DefaultValue("6h") Duration maxWindow,
        @DefaultValue("2000") double maxRadius,
        @DefaultValue("2s") Duration sweepInterval,
        @DefaultValue("10m") Duration retentionCheck,
        @DefaultValue("2s") Duration restartBackoff) {

    /** The mode of a camera without its own setting. */
    public RecordingMode defaultFor(String cameraId) {
        return continuousCameras.contains(cameraId) ? RecordingMode.CONTINUOUS
                : eventCameras.contains(cameraId) ? RecordingMode.EVENTS : defaultMode;
    }

    private static java.util.Set<String> ids(java.util.Set<String> raw) {
        return raw == null ? java.util.Set.of()
                : raw.stream().map(String::strip).filter(c -> !c.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public RecordingProperties {
        continuousCameras = ids(continuousCameras);
        eventCameras = ids(eventCameras);
        if (segment.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("redwhistle.recordings.segment must be at least 1s, not " + segment);
        }
        if (eventBuffer.compareTo(preRoll.plus(segment).plus(segment)) < 0) {
            throw new IllegalArgumentException("redwhistle.recordings.event-buffer (" + eventBuffer
                    + ") must hold the pre-roll plus two segments, or an alarm's pre-roll may be gone before it is kept");
        }
        if (retention.compareTo(eventBuffer) < 0) {
            throw new IllegalArgumentException("redwhistle.recordings.retention must be at least the event buffer");
        }
    }
}
