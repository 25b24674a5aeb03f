package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.alarms.AlarmStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The store of an alarm's timeline ({@code alarm_event}) and of its dispatches as the timeline
 * shows them ({@code alarm_dispatch}, joined with the members' names, which the members feature owns).
 */
@Component
class AlarmTimeline {

    /** One step in the timeline. */
    public record TimelineStep(Instant at, String actor, String action, String status, String note) {
    }

    /** A member sent to the alarm and how they answered. */
    public record DispatchEntry(long memberId, String name, String status, Float distanceM, Instant offeredAt, Instant answeredAt,
            Instant arrivedAt) {
    }

    /** The alarm's timeline and dispatches, oldest first. */
    public record Timeline(long alarmId, List<TimelineStep> events, List<DispatchEntry> dispatches) {
    }

    private final JdbcClient jdbc;

    AlarmTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes one step; call inside the transaction that made the change. */
    void record(long alarmId, String actor, String action, AlarmStatus status, String note, Instant at) {
        jdbc.sql("insert into alarm_event (alarm_id, at, actor, action, status, note) values (?, ?, ?, ?, ?, ?)")
                .params(alarmId, Timestamp.from(at), actor, action, status.name(), note).update();
    }

    /** The alarm's status as stored now. */
    AlarmStatus current(long alarmId) {
        return AlarmStatus.valueOf(jdbc.sql("select status from alarm where id = ?").param(alarmId).query(String.class).single());
    }

    Timeline of(long alarmId) {
        List<TimelineStep> events = jdbc.sql("select at, actor, action, status, note from alarm_event where alarm_id = ? order by at, id").param(alarmId)
                .query((rs, i) -> new TimelineStep(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                .list();
        List<DispatchEntry> dispatches = jdbc.sql("""
                select d.member_id, m.name, d.status, d.distance_m, d.offered_at, d.answered_at, d.arrived_at
                from alarm_dispatch d join member m on m.id = d.member_id where d.alarm_id = ? order by d.offered_at""").param(alarmId)
                .query((rs, i) -> new DispatchEntry(rs.getLong(1), rs.getString(2), rs.getString(3), (Float) rs.getObject(4),
                        rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))))
                .list();
        return new Timeline(alarmId, events, dispatches);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
