package org.redwhistle.api.alarms.internal;

import org.redwhistle.ingest.snapshots.SnapshotStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A device's snapshot of an event (not one asked for by a verification) that arrives after the event
 * raised its alarm: linked to the alarm if the snapshot store did not find it yet (the alarm is raised
 * on its own thread, so the two may cross), and the alarm pushed again with it, so that the board shows
 * the picture (a face gate's watchlist hit). A snapshot that arrives first is linked by the raise itself
 * ({@link AlarmService}). Reads and writes the snapshots feature's {@code snapshot.alarm_id}, as the raise does.
 *
 * <p>The two cross when the snapshot is committed while the raise's statement runs: the raise does not see
 * the snapshot (its statement began before), and this link does not see the alarm (not committed yet). So
 * both take the event's transaction-scoped advisory lock ({@link #lockEvent}) before they look: whichever
 * comes second sees what the first committed.
 */
@Component
class EventSnapshots {

    private static final Logger log = LoggerFactory.getLogger(EventSnapshots.class);

    private final JdbcClient jdbc;
    private final AlarmQueries queries;
    private final AlarmSteps steps;

    private final TransactionTemplate tx;

    EventSnapshots(JdbcClient jdbc, AlarmQueries queries, AlarmSteps steps, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.steps = steps;
        this.tx = tx;
    }

    /** Takes the lock of one device's event until the transaction ends (the raise of its alarm, the link of its snapshot). */
    static void lockEvent(JdbcClient jdbc, String deviceId, String eventMsgId) {
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(hashtextextended(cast(? as text) || '/' || cast(? as text), 0))) l")
                .params(deviceId, eventMsgId).query(Integer.class).single();
    }

    @EventListener
    public void on(SnapshotStored s) {
        if (s.cmdId() != null || s.eventMsgId() == null) {
            return;
        }
        try {
            Long alarmId = s.alarmId() != null ? s.alarmId() : tx.execute(t -> {
                lockEvent(jdbc, s.deviceId(), s.eventMsgId());
                return jdbc.sql("""
                        update snapshot set alarm_id = (select a.id from alarm a where a.device_id = :device and a.event_msg_id = :msg order by a.id desc limit 1)
                        where id = :id and alarm_id is null returning alarm_id""")
                        .param("device", s.deviceId()).param("msg", s.eventMsgId()).param("id", s.id()).query(Long.class).list().stream()
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
            });
            if (alarmId == null) {
                return;
            }
            // a new version, so that every board keeps this view (with the picture) over the one it had
            jdbc.sql("update alarm set version = version + 1, updated_at = now() where id = ?").param(alarmId).update();
            queries.find(alarmId).ifPresent(steps::changed);
        } catch (RuntimeException e) {
            log.error("linking snapshot {} of {} to its event's alarm failed: {}", s.id(), s.deviceId(), e.toString());
        }
    }
}
