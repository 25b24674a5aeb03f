package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.PhoneFixReported;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The arrival step: a member who accepted a dispatch and comes within
 * {@code redwhistle.alarms.arrival-radius} (50 m) of the alarm, by their phone or their patrol
 * terminal, has arrived; the first arrival puts a dispatched alarm on scene.
 */
@Component
class ArrivalDetector {

    private static final Logger log = LoggerFactory.getLogger(ArrivalDetector.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Members members;
    private final AlarmTimeline timeline;
    private final AuditLog audit;
    private final AlarmQueries queries;
    private final AlarmSteps steps;
    private final double radiusM;

    ArrivalDetector(JdbcClient jdbc, TransactionTemplate tx, Members members, AlarmTimeline timeline, AuditLog audit, AlarmQueries queries,
            AlarmSteps steps, AlarmProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.members = members;
        this.timeline = timeline;
        this.audit = audit;
        this.queries = queries;
        this.steps = steps;
        this.radiusM = props.arrivalRadius();
    }

    @EventListener
    public void on(PhoneFixReported fix) {
        arrived(fix.memberId(), fix.lon(), fix.lat(), fix.at());
    }

    @EventListener
    public void on(PositionsStored stored) {
        if (jdbc.sql("select count(*) from alarm_dispatch where status = 'ACCEPTED'").query(Long.class).single() == 0) {
            return;
        }
        Map<String, Members.Carrier> carriers = members.carriers(stored.positions().stream().map(PositionsStored.Position::deviceId).toList());
        for (PositionsStored.Position p : stored.positions()) {
            Members.Carrier m = carriers.get(p.deviceId());
            if (m != null) {
                arrived(m.memberId(), p.lon(), p.lat(), p.ts().toInstant());
            }
        }
    }

    private void arrived(long memberId, double lon, double lat, Instant at) {
        List<Long> open = jdbc.sql("""
                select d.alarm_id from alarm_dispatch d join alarm a on a.id = d.alarm_id
                where d.member_id = ? and d.status = 'ACCEPTED'
                  and st_dwithin(a.location::geography, st_setsrid(st_makepoint(?, ?), 4326)::geography, ?)""")
                .params(memberId, lon, lat, radiusM).query(Long.class).list();
        for (long alarmId : open) {
            tx.executeWithoutResult(s -> {
                jdbc.sql("update alarm_dispatch set status = 'ARRIVED', arrived_at = ? where alarm_id = ? and member_id = ?")
                        .params(Timestamp.from(at), alarmId, memberId).update();
                int n = jdbc.sql("update alarm set status = ?, updated_at = now(), version = version + 1 where id = ? and status = any(?)")
                        .params(AlarmStatus.ON_SCENE.name(), alarmId, AlarmStatus.names(AlarmStatus.leadingTo(AlarmStatus.ON_SCENE))).update();
                if (n == 0) {
                    // already on scene: a second member's arrival still changes the view (its responders)
                    jdbc.sql("update alarm set version = version + 1 where id = ?").param(alarmId).update();
                }
                timeline.record(alarmId, "member:" + memberId, "arrive", timeline.current(alarmId), "到达现场（位置）", at);
                audit.record(AuditLog.SYSTEM, "alarm.arrive", "alarm", String.valueOf(alarmId), "position within " + (int) radiusM + " m",
                        Map.of("memberId", memberId, "onScene", n == 1));
            });
            log.info("member {} arrived at alarm {}", memberId, alarmId);
            queries.find(alarmId).ifPresent(steps::changed);
        }
    }
}
