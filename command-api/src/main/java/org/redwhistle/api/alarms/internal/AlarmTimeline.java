package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.alarms.AlarmResponder;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The store of an alarm's timeline ({@code alarm_event}), read with the actors' names (the users'
 * {@code app_user} and the members' {@code member}, read only) and each step in words.
 */
@Component
class AlarmTimeline {

    /**
     * One step in the timeline: {@code action} and {@code status} as stored, {@code actionLabel} and
     * {@code statusLabel} in words, {@code actorName} who took it as people know them.
     */
    public record TimelineStep(Instant at, String actor, String actorName, String action, String actionLabel, String status, String statusLabel,
            String note) {
    }

    /** The alarm's timeline, oldest first, and the members sent to it, first sent first. */
    public record Timeline(long alarmId, List<TimelineStep> events, List<AlarmResponder> dispatches) {
    }

    /** The steps in words; a step not named here shows its code. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("acknowledge", "确认告警"), Map.entry("dispatch", "派警"), Map.entry("accept", "接受派警"),
            Map.entry("decline", "拒绝派警"), Map.entry("arrive", "到达现场"), Map.entry("resolve", "处置完毕"),
            Map.entry("false-alarm", "判定误报"), Map.entry("to-case", "转为诉求"), Map.entry("realert", "无人确认，升级告警"),
            Map.entry("verify-request", "请求视频核实"), Map.entry("verify", "视频核实"), Map.entry("photo", "上传现场照片"));

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

    Timeline of(AlarmView a) {
        List<TimelineStep> events = jdbc.sql("""
                select e.at, e.actor, coalesce(u.display_name, m.name, case e.actor when :system then '系统' when :verification then '视频核实' end,
                       e.actor) actor_name, e.action, e.status, e.note
                from alarm_event e
                left join app_user u on u.username = e.actor
                left join member m on e.actor like 'member:%' and m.id::text = substr(e.actor, 8)
                where e.alarm_id = :alarm order by e.at, e.id""")
                .param("alarm", a.id()).param("system", AuditLog.SYSTEM).param("verification", Verifications.ACTOR)
                .query((rs, i) -> {
                    String action = rs.getString("action");
                    String status = rs.getString("status");
                    return new TimelineStep(rs.getTimestamp("at").toInstant(), rs.getString("actor"), rs.getString("actor_name"), action,
                            ACTIONS.getOrDefault(action, action), status, AlarmStatus.valueOf(status).label(), rs.getString("note"));
                })
                .list();
        return new Timeline(a.id(), events, a.responders());
    }
}
