package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.alarms.AlarmVerification;
import org.redwhistle.api.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store of an alarm's camera verification (the {@code verification*} columns of {@code alarm}),
 * and what it reads of the cameras' answers: the snapshots feature's {@code snapshot} rows linked to
 * the alarm and the ingest's {@code device_command} rows it sent.
 */
@Component
class Verifications {

    static final String ACTOR = "system:verification";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AlarmTimeline timeline;
    private final AuditLog audit;

    Verifications(JdbcClient jdbc, TransactionTemplate tx, AlarmTimeline timeline, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.timeline = timeline;
        this.audit = audit;
    }

    /** The alarm's verification state (null: not verified, or no such alarm). */
    AlarmVerification state(long alarmId) {
        return jdbc.sql("select verification from alarm where id = ?").param(alarmId).query(String.class).optional().map(AlarmVerification::valueOf)
                .orElse(null);
    }

    /** Marks a repeat's new request unless one was made within {@code retryAfter}; true if this call did. */
    boolean requestAgain(long alarmId, Duration retryAfter) {
        return jdbc.sql("""
                update alarm set verification_requested_at = now()
                where id = ? and (verification_requested_at is null or verification_requested_at < now() - cast(? as interval))""")
                .params(alarmId, retryAfter.toSeconds() + " seconds").update() == 1;
    }

    void requested(long alarmId, Instant now) {
        jdbc.sql("update alarm set verification_requested_at = ? where id = ?").params(Timestamp.from(now), alarmId).update();
    }

    /** Pending first: a fast camera's answer must find the alarm waiting for it. */
    void pending(long alarmId, List<String> cameras, String note, Instant now, Duration timeout) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    update alarm set verification = 'PENDING', verification_due = ?, verification_note = ?, verification_requested_at = ?,
                        version = version + 1 where id = ?""")
                    .params(Timestamp.from(now.plus(timeout)), note, Timestamp.from(now), alarmId).update();
            timeline.record(alarmId, ACTOR, "verify-request", timeline.current(alarmId), note, now);
            audit.record(AuditLog.SYSTEM, "alarm.verify-request", "alarm", String.valueOf(alarmId), note, Map.of("cameras", cameras));
        });
    }

    /** Snapshots this camera sent for the alarm on request. */
    long looks(long alarmId, String camera) {
        return jdbc.sql("select count(*) from snapshot where alarm_id = ? and device_id = ? and cmd_id is not null")
                .params(alarmId, camera).query(Long.class).single();
    }

    /** Snapshots asked for the alarm. */
    long asked(long alarmId) {
        return jdbc.sql("select count(*) from device_command where command = 'capture_snapshot' and requested_by = ? and args->>'alarmId' = ?")
                .params(ACTOR, String.valueOf(alarmId)).query(Long.class).single();
    }

    /** Requested snapshots of the alarm that were analysed. */
    long answered(long alarmId) {
        return jdbc.sql("select count(*) from snapshot where alarm_id = ? and cmd_id is not null and analysed_at is not null")
                .param(alarmId).query(Long.class).single();
    }

    /** Cameras that answered the alarm's requests. */
    long camerasAnswered(long alarmId) {
        return jdbc.sql("select count(distinct device_id) from snapshot where alarm_id = ? and cmd_id is not null").param(alarmId)
                .query(Long.class).single();
    }

    /** Pending verifications past their time. */
    List<Long> overdue(Instant now) {
        return jdbc.sql("select id from alarm where verification = 'PENDING' and verification_due <= ?").param(Timestamp.from(now))
                .query(Long.class).list();
    }

    /**
     * Moves the verification from {@code from} (null: any) to {@code to}, with the severity one step
     * up if {@code raise}; true if this call did it (the condition is checked in the update itself).
     */
    boolean decide(long alarmId, AlarmVerification from, AlarmVerification to, String note, Instant now, boolean raise) {
        return Boolean.TRUE.equals(tx.execute(st -> {
            int n = jdbc.sql("""
                    update alarm set verification = :to, verification_note = :note, version = version + 1, updated_at = :now,
                        verified_at = case when :to = 'VERIFIED' then :now else verified_at end,
                        severity = case when :raise then (%s) else severity end
                    where id = :id and (cast(:from as text) is null or verification = :from)""".formatted(Realert.SEVERITY_ONE_UP))
                    .param("to", to.name()).param("note", note).param("now", Timestamp.from(now)).param("raise", raise).param("id", alarmId)
                    .param("from", from == null ? null : from.name()).update();
            if (n == 0) {
                return false;
            }
            timeline.record(alarmId, ACTOR, "verify", timeline.current(alarmId), to.label() + "：" + note, now);
            audit.record(AuditLog.SYSTEM, "alarm.verification", "alarm", String.valueOf(alarmId), note, Map.of("verification", to.name()));
            return true;
        }));
    }

}
