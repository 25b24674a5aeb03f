package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The re-alert step: a new alarm nobody acknowledged within {@code redwhistle.alarms.ack-timeout}
 * (5 min) gets its severity one step up (at most CRITICAL) and is pushed again; again after each
 * further timeout.
 */
@Component
public class Realert {

    /** SQL: the alarm's severity one step up, at most CRITICAL (re-alerts, camera verification). */
    static final String SEVERITY_ONE_UP = "case severity when '" + AlarmSeverity.LOW + "' then '" + AlarmSeverity.MEDIUM + "' when '"
            + AlarmSeverity.MEDIUM + "' then '" + AlarmSeverity.HIGH + "' else '" + AlarmSeverity.CRITICAL + "' end";

    /**
     * Due alarms, raised in the statement that finds them: the condition is checked again on each
     * row as it is updated, so a second run at the same time (another instance) finds the alarm no
     * longer due and cannot raise it two steps at once.
     */
    private static final String RAISE_DUE = """
            update alarm set realerts = realerts + 1, updated_at = :now, version = version + 1, severity = %s
            where status = '%s' and created_at + (realerts + 1) * cast(:timeout as interval) <= :now
            returning id""".formatted(SEVERITY_ONE_UP, AlarmStatus.NEW);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AlarmTimeline timeline;
    private final AuditLog audit;
    private final AlarmQueries queries;
    private final AlarmSteps steps;
    private final AlarmProperties props;

    Realert(JdbcClient jdbc, TransactionTemplate tx, AlarmTimeline timeline, AuditLog audit, AlarmQueries queries, AlarmSteps steps,
            AlarmProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.timeline = timeline;
        this.audit = audit;
        this.queries = queries;
        this.steps = steps;
        this.props = props;
    }

    @Scheduled(initialDelayString = "${redwhistle.alarms.realert-check:30s}", fixedDelayString = "${redwhistle.alarms.realert-check:30s}")
    public void scheduled() {
        realert(Instant.now());
    }

    /** Re-alerts the alarms due at {@code now}; returns how many. */
    public int realert(Instant now) {
        List<Long> raised = tx.execute(s -> {
            List<Long> ids = jdbc.sql(RAISE_DUE).param("now", Timestamp.from(now)).param("timeout", props.ackTimeout().toSeconds() + " seconds")
                    .query(Long.class).list();
            for (Long id : ids) {
                timeline.record(id, AuditLog.SYSTEM, "realert", AlarmStatus.NEW, "无人确认，升级告警", now);
                audit.record(AuditLog.SYSTEM, "alarm.realert", "alarm", String.valueOf(id), "not acknowledged within " + props.ackTimeout(), Map.of());
            }
            return ids;
        });
        raised.forEach(id -> queries.find(id).ifPresent(steps::changed));
        return raised.size();
    }
}
