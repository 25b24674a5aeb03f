package org.redwhistle.ingest.analytics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.redwhistle.ingest.snapshots.SnapshotStored;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Analyses every stored snapshot with OpenCV ({@link FrameAnalyzer}) on a bounded pool of its own,
 * off the MQTT and snapshot threads; stores the people (boxes and scores) and the motion with the
 * snapshot, then publishes {@link SnapshotAnalysed}. When the pool's queue is full the snapshot
 * worker analyses the frame itself, which holds back the broker (receive maximum): no snapshot is
 * skipped.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.analytics.enabled", havingValue = "true", matchIfMissing = true)
public class SnapshotAnalysis implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotAnalysis.class);

    private final FrameAnalyzer analyzer;
    private final AnalyticsProperties props;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final ThreadPoolExecutor pool;
    private final Timer timer;
    private final Counter unreadable;

    public SnapshotAnalysis(AnalyticsProperties props, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, MeterRegistry meters,
            WorkerPools pools) {
        this.props = props;
        this.analyzer = new FrameAnalyzer(props);
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.pool = pools.bounded("snapshot-analysis", props.workerThreads(), props.queue());
        this.timer = Timer.builder("rw.analytics.frame").description("OpenCV analysis of one snapshot").publishPercentiles(0.5, 0.99)
                .register(meters);
        this.unreadable = meters.counter("rw.analytics.unreadable");
        log.info("snapshot analytics: OpenCV {}, {} workers, people by {} (model {})", OpenCv.version(), props.workerThreads(),
                props.detectorSpec(), props.detector().equals("centernet") ? props.model() : "none");
    }

    @EventListener
    public void on(SnapshotStored stored) {
        pool.execute(() -> analyse(stored));
    }

    private void analyse(SnapshotStored s) {
        try {
            FrameAnalyzer.Result r;
            try {
                r = analyzer.analyse(s.deviceId(), s.jpeg());
            } catch (FrameAnalyzer.Unreadable e) {
                unreadable.increment();
                jdbc.sql("update snapshot set analysed_at = now(), analysis_error = ? where id = ?").params(e.getMessage(), s.id()).update();
                events.publishEvent(new SnapshotAnalysed(s.id(), s.deviceId(), s.alarmId(), s.cmdId(), s.capturedAt(), 0, 0, null, false,
                        e.getMessage()));
                return;
            }
            timer.record(r.micros(), TimeUnit.MICROSECONDS);
            List<Map<String, Object>> detections = new ArrayList<>();
            for (FrameAnalyzer.Box b : r.people()) {
                detections.add(box(b));
            }
            for (FrameAnalyzer.Box b : r.motionRegions()) {
                detections.add(box(b));
            }
            jdbc.sql("""
                    update snapshot set analysed_at = ?, analysis_ms = ?, people = ?, person_score = ?, motion = ?, detections = cast(? as jsonb)
                    where id = ?""")
                    .params(Timestamp.from(Instant.now()), r.micros() / 1000.0, r.people().size(), r.bestPersonScore(), r.motion(),
                            json.writeValueAsString(detections), s.id())
                    .update();
            boolean moving = r.moving(props.motionThreshold());
            log.debug("snapshot {} of {}: {} people (best {}), motion {} in {} ms", s.id(), s.deviceId(), r.people().size(),
                    r.bestPersonScore(), r.motion(), r.micros() / 1000);
            events.publishEvent(new SnapshotAnalysed(s.id(), s.deviceId(), s.alarmId(), s.cmdId(), s.capturedAt(), r.people().size(),
                    r.bestPersonScore(), r.motion(), moving, null));
        } catch (RuntimeException e) {
            log.error("analysis of snapshot {} from {} failed: {}", s.id(), s.deviceId(), e.toString());
        }
    }

    private static Map<String, Object> box(FrameAnalyzer.Box b) {
        return Map.of("kind", b.kind(), "x", b.x(), "y", b.y(), "w", b.w(), "h", b.h(), "score", b.score());
    }

    @Override
    public void destroy() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
