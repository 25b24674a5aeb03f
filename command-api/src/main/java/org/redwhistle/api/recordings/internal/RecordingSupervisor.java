package org.redwhistle.api.recordings.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.redwhistle.api.recordings.RecordingMode;
import org.redwhistle.api.video.CameraStreams;
import org.redwhistle.api.video.VideoProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs this instance's recorders ({@code redwhistle.recordings.enabled}): every sweep it starts a recorder for each
 * enabled camera with a stream whose mode is not OFF, stops those no longer wanted, restarts failed ones after their
 * back-off, and files the segments they finished. Per instance on purpose (the recorders are this instance's
 * child processes); in a cluster only one instance records (docs/recordings.md).
 */
@Component
class RecordingSupervisor implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RecordingSupervisor.class);

    private final RecordingModes modes;
    private final SegmentStore segments;
    private final CameraStreams streams;
    private final VideoProperties video;
    private final RecordingProperties props;
    private final Clock clock;
    private final Map<String, Recorder> recorders = new HashMap<>();

    RecordingSupervisor(RecordingModes modes, SegmentStore segments, CameraStreams streams, VideoProperties video, RecordingProperties props,
            Clock clock) {
        this.modes = modes;
        this.segments = segments;
        this.streams = streams;
        this.video = video;
        this.props = props;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${redwhistle.recordings.sweep-interval:2s}", fixedDelayString = "${redwhistle.recordings.sweep-interval:2s}")
    synchronized void sweep() {
        if (!props.enabled()) {
            return;
        }
        Instant now = clock.instant();
        Map<String, RecordingMode> wanted = new HashMap<>();
        Map<String, String> urls = new HashMap<>();
        for (RecordingModes.Recordable c : modes.recordable()) {
            if (c.mode() == RecordingMode.OFF) {
                continue;
            }
            if (c.streamAttribute() == null) {
                continue;
            }
            streams.connectUrl(c.cameraId()).ifPresent(url -> {
                wanted.put(c.cameraId(), c.mode());
                urls.put(c.cameraId(), url.toString());
            });
        }
        for (String id : Set.copyOf(recorders.keySet())) {
            Recorder r = recorders.get(id);
            if (!wanted.containsKey(id) || !r.url().equals(urls.get(id))) {
                file(r.stop(now), id, modes.modeOf(id));
                recorders.remove(id);
            }
        }
        for (Map.Entry<String, RecordingMode> w : wanted.entrySet()) {
            Recorder r = recorders.computeIfAbsent(w.getKey(),
                    id -> new Recorder(id, urls.get(id), cameraDir(id), video.ffmpeg(), props));
            file(r.collect(now), w.getKey(), w.getValue());
            r.ensureRunning(now);
        }
    }

    private Path cameraDir(String cameraId) {
        return props.dir().toAbsolutePath().resolve("segments").resolve(cameraId.replaceAll("[^A-Za-z0-9_.-]", "_"));
    }

    private void file(List<Recorder.Finished> finished, String cameraId, RecordingMode mode) {
        RecordingMode kept = mode == RecordingMode.OFF ? RecordingMode.EVENTS : mode;
        Path root = props.dir().toAbsolutePath();
        for (Recorder.Finished f : finished) {
            segments.add(cameraId, f.startedAt(), f.endedAt(), root.relativize(f.file()).toString(), f.bytes(), kept);
        }
    }

    /** The cameras being recorded now (for the API's status and the tests). */
    synchronized Set<String> recording() {
        return recorders.values().stream().filter(Recorder::running).map(Recorder::cameraId).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized void destroy() {
        Instant now = clock.instant();
        for (Recorder r : recorders.values()) {
            try {
                file(r.stop(now), r.cameraId(), modes.modeOf(r.cameraId()));
            } catch (RuntimeException e) {
                log.warn("recorder not stopped cleanly: camera={} error={}", r.cameraId(), e.toString());
            }
        }
        recorders.clear();
    }
}
