package org.redwhistle.api.faces.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enforces {@code redwhistle.faces.passage-retention}: the face gates' snapshots and {@code face.passage}
 * events older than that are deleted, once per cluster ({@link ClusterJobs}), except those attached to an
 * alarm (the snapshot linked to it, or the event that raised it), which are kept with the alarm. The
 * faces feature owns this rule for ingest's {@code snapshot} and {@code device_event} rows of the face
 * gates: these are personal data with a shorter life than other devices' events. Audited when it deleted anything.
 */
@Component
class PassageRetention {

    static final String JOB = "faces.passage-retention";

    private static final Logger log = LoggerFactory.getLogger(PassageRetention.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final FaceProperties props;
    private final Clock clock;

    PassageRetention(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, ClusterJobs jobs, FaceProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.jobs = jobs;
        this.props = props;
        this.clock = clock;
    }

    /** What one run deleted. */
    record Purged(int passages, int snapshots) {
    }

    @Scheduled(initialDelayString = "${redwhistle.faces.retention-check:1h}", fixedDelayString = "${redwhistle.faces.retention-check:1h}")
    void scheduled() {
        jobs.runExclusively(JOB, () -> purge(clock.instant()));
    }

    /** Deletes what is older than the retention at {@code now}; idempotent. */
    Purged purge(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(props.passageRetention()));
        Purged p = tx.execute(s -> {
            int snapshots = jdbc.sql("""
                    delete from snapshot s using device d
                    where d.id = s.device_id and d.kind = 'face_gate' and s.captured_at < :cutoff and s.alarm_id is null""")
                    .param("cutoff", cutoff).update();
            int passages = jdbc.sql("""
                    delete from device_event e
                    where e.type = :type and e.ts < :cutoff
                      and not exists (select from alarm al where al.device_id = e.device_id and al.event_msg_id = e.msg_id)
                      and not exists (select from snapshot s where s.device_id = e.device_id and s.event_msg_id = e.msg_id and s.alarm_id is not null)""")
                    .param("type", PassageStore.TYPE).param("cutoff", cutoff).update();
            if (passages + snapshots > 0) {
                audit.record(AuditLog.SYSTEM, "face-passages.purged", "face_passage", "retention", "older than " + props.passageRetention(),
                        Map.of("passages", passages, "snapshots", snapshots, "before", cutoff.toInstant().toString()));
            }
            return new Purged(passages, snapshots);
        });
        if (p.passages() + p.snapshots() > 0) {
            log.info("face passages past retention deleted: passages={} snapshots={}", p.passages(), p.snapshots());
        }
        return p;
    }
}
