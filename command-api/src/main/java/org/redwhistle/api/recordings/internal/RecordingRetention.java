package org.redwhistle.api.recordings.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Enforces the recordings' retention once per cluster ({@link ClusterJobs}): segments past {@code retention}
 * (EVENTS ones past {@code event-buffer} with no event of their camera near them) are deleted, row first and then
 * file, unless an alarm's clip keeps them or waits for them; alarm clips older than {@code clip-retention} go the
 * same way; cut playbacks and exports (a cache) older than an hour are removed. Audited when it deleted anything.
 */
@Component
class RecordingRetention {

    static final String JOB = "recordings.retention";

    private static final Logger log = LoggerFactory.getLogger(RecordingRetention.class);

    private final SegmentStore segments;
    private final ClipStore clips;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final RecordingProperties props;
    private final Clock clock;

    RecordingRetention(SegmentStore segments, ClipStore clips, AuditLog audit, ClusterJobs jobs, RecordingProperties props, Clock clock) {
        this.segments = segments;
        this.clips = clips;
        this.audit = audit;
        this.jobs = jobs;
        this.props = props;
        this.clock = clock;
    }

    /** What one run deleted. */
    record Purged(int segments, long bytes, int clips) {
    }

    @Scheduled(initialDelayString = "${redwhistle.recordings.retention-check:10m}", fixedDelayString = "${redwhistle.recordings.retention-check:10m}")
    void scheduled() {
        jobs.runExclusively(JOB, () -> purge(clock.instant()));
    }

    /** Deletes what retention allows at {@code now}; idempotent. */
    Purged purge(Instant now) {
        Path root = props.dir().toAbsolutePath();
        List<SegmentStore.Segment> gone = segments.deleteExpired(now, props.retention(), props.eventBuffer(), props.preRoll(), props.postRoll());
        long bytes = 0;
        for (SegmentStore.Segment s : gone) {
            bytes += s.bytes();
            delete(root.resolve(s.path()));
        }
        List<ClipStore.Clip> oldClips = clips.deleteOlderThan(now.minus(props.clipRetention()));
        for (ClipStore.Clip c : oldClips) {
            if (c.path() != null) {
                delete(root.resolve(c.path()));
            }
        }
        purgeCuts(root.resolve("cuts"), now);
        if (!gone.isEmpty() || !oldClips.isEmpty()) {
            audit.record(AuditLog.SYSTEM, "recordings.purged", "recording_segment", "retention", "older than the retention",
                    Map.of("segments", gone.size(), "bytes", bytes, "clips", oldClips.size(), "at", now.toString()));
            log.info("recordings past retention deleted: segments={} bytes={} clips={}", gone.size(), bytes, oldClips.size());
        }
        return new Purged(gone.size(), bytes, oldClips.size());
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("recording file not deleted: file={} error={}", file, e.toString());
        }
    }

    /** Playback and export cuts are a cache of an hour, kept for Range requests and repeated downloads. */
    private static void purgeCuts(Path cuts, Instant now) {
        if (!Files.isDirectory(cuts)) {
            return;
        }
        try (Stream<Path> files = Files.list(cuts)) {
            files.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant().isBefore(now.minusSeconds(3600));
                } catch (IOException e) {
                    return false;
                }
            }).forEach(RecordingRetention::delete);
        } catch (IOException e) {
            log.warn("recording cuts not listed: dir={} error={}", cuts, e.toString());
        }
    }
}
