package org.redwhistle.api.recordings.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.api.recordings.RecordingMode;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * An alarm keeps a clip of every recorded camera covering its point: on {@link AlarmChanged} (a new alarm) the
 * window [alarm − pre-roll, alarm + post-roll] is fixed per camera (retention spares the segments inside a pending
 * window); once the post-roll has passed and its last segment is filed, the clip is cut (once per cluster,
 * {@link ClusterJobs}), the segments it covers are kept for {@code clip-retention}, and the cut is audited.
 */
@Component
class AlarmClips {

    static final String JOB = "recordings.clips";

    private static final Logger log = LoggerFactory.getLogger(AlarmClips.class);

    private final CameraCoverage coverage;
    private final RecordingModes modes;
    private final ClipStore clips;
    private final SegmentStore segments;
    private final Cutter cutter;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final RecordingProperties props;
    private final Clock clock;

    AlarmClips(CameraCoverage coverage, RecordingModes modes, ClipStore clips, SegmentStore segments, Cutter cutter, AuditLog audit,
            ClusterJobs jobs, RecordingProperties props, Clock clock) {
        this.coverage = coverage;
        this.modes = modes;
        this.clips = clips;
        this.segments = segments;
        this.cutter = cutter;
        this.audit = audit;
        this.jobs = jobs;
        this.props = props;
        this.clock = clock;
    }

    @EventListener
    void on(AlarmChanged changed) {
        if (!changed.created()) {
            return;
        }
        try {
            want(changed.alarm());
        } catch (RuntimeException e) {
            log.error("alarm clips not requested: alarm={} error={}", changed.alarm().id(), e.toString());
        }
    }

    /** Fixes the clip windows of the alarm's recorded covering cameras; returns the cameras. */
    List<String> want(AlarmView alarm) {
        Map<String, RecordingModes.Recordable> recorded = new java.util.HashMap<>();
        modes.recordable().stream().filter(r -> r.mode() != RecordingMode.OFF && r.streamAttribute() != null)
                .forEach(r -> recorded.put(r.cameraId(), r));
        Instant at = alarm.firstSeenAt();
        List<String> cameras = coverage.covering(alarm.lon(), alarm.lat(), area -> true).stream().map(CameraCoverage.Seen::deviceId)
                .filter(recorded::containsKey).toList();
        for (String camera : cameras) {
            clips.want(alarm.id(), camera, at, at.minus(props.preRoll()), at.plus(props.postRoll()));
        }
        if (!cameras.isEmpty()) {
            log.info("alarm clips wanted: alarm={} cameras={}", alarm.id(), cameras);
        }
        return cameras;
    }

    @Scheduled(initialDelayString = "${redwhistle.recordings.sweep-interval:2s}", fixedDelayString = "${redwhistle.recordings.sweep-interval:2s}")
    void scheduled() {
        jobs.runExclusively(JOB, () -> cutDue(clock.instant()));
    }

    /** Cuts the clips whose post-roll has passed and whose last segment has had time to be filed; returns how many. */
    int cutDue(Instant now) {
        // the segment holding the window's end closes up to one segment later, and is filed at the recorders' next sweep
        Instant before = now.minus(props.segment()).minus(props.sweepInterval().multipliedBy(2)).minusSeconds(1);
        int n = 0;
        for (ClipStore.Clip c : clips.due(before)) {
            cut(c, now);
            n++;
        }
        return n;
    }

    private void cut(ClipStore.Clip c, Instant now) {
        List<SegmentStore.Segment> footage = segments.overlapping(c.cameraId(), c.from(), c.to());
        if (footage.isEmpty()) {
            if (clips.failed(c.id(), "无录像：窗口内没有该摄像机的录像片段", now)) {
                audit.record(AuditLog.SYSTEM, "recording.clip-failed", "alarm", String.valueOf(c.alarmId()), "no footage",
                        Map.of("camera", c.cameraId(), "from", c.from().toString(), "to", c.to().toString()));
            }
            return;
        }
        segments.keep(c.cameraId(), c.from(), c.to(), now.plus(props.clipRetention()), c.alarmId());
        String name = "alarm-" + c.alarmId() + "-" + c.cameraId().replaceAll("[^A-Za-z0-9_.-]", "_") + ".mp4";
        Path out = props.dir().toAbsolutePath().resolve("clips").resolve(name);
        try {
            Cutter.Cut cut = cutter.cut(footage, c.from(), c.to(), out);
            Instant first = footage.get(0).startedAt();
            Instant last = footage.get(footage.size() - 1).endedAt();
            String note = first.isAfter(c.from().plusSeconds(1)) || last.isBefore(c.to().minusSeconds(1))
                    ? "录像不完整：仅有 " + first + " 至 " + last : null;
            if (clips.ready(c.id(), "clips/" + name, cut.bytes(), cut.durationS(), note, now)) {
                audit.record(AuditLog.SYSTEM, "recording.clip-cut", "alarm", String.valueOf(c.alarmId()), null,
                        Map.of("camera", c.cameraId(), "from", c.from().toString(), "to", c.to().toString(), "bytes", cut.bytes(),
                                "durationS", cut.durationS()));
                log.info("alarm clip cut: alarm={} camera={} duration={}s bytes={}", c.alarmId(), c.cameraId(), cut.durationS(), cut.bytes());
            }
        } catch (IOException e) {
            log.warn("alarm clip not cut: alarm={} camera={} error={}", c.alarmId(), c.cameraId(), e.getMessage());
            clips.failed(c.id(), "剪辑失败：" + e.getMessage(), now);
        }
    }
}
