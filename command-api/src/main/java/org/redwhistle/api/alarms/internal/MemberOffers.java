package org.redwhistle.api.alarms.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.alarms.AlarmResponder;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A member's dispatches as the patrol phone shows them: the offers still to answer and the tasks
 * accepted, each with what and where (the alarm's type in words, its device or zone, the areas it
 * lies in, the place), and those the command center ended lately with the reason. The phone reads
 * them on opening, on every reconnect and whenever it comes back into view, so an offer made while
 * it was closed is never lost; {@code /user/queue/alerts} tells it of changes as they happen.
 */
@Component
class MemberOffers {

    private static final Logger log = LoggerFactory.getLogger(MemberOffers.class);

    /** How long a dispatch the command center ended stays on the phone's list of ended ones. */
    static final Duration ENDED_WINDOW = Duration.ofHours(12);

    /** Where the member is with a dispatch, as the phone decides its buttons: derived from the dispatch's and the alarm's status. */
    enum Stage {
        OFFERED("待接受"), EN_ROUTE("已接受，前往现场"), ARRIVED("已到达现场"), ENDED("已结束");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /**
     * One dispatch of the caller: {@code stage} (OFFERED, EN_ROUTE, ARRIVED, ENDED) and its words; the alarm's type, title and
     * severity in words; {@code deviceName}, {@code zoneName}; {@code areas} the names of the areas it lies in, district first,
     * and {@code place} the nearest of them (grid, community) as one line; the place in WGS-84; times; {@code distanceM} from the
     * member when offered; for an ended one, {@code endedReason} in words and {@code endedAt}.
     */
    public record Offer(long alarmId, String stage, String stageLabel, String dispatchStatus, String alarmStatus, String alarmStatusLabel,
            String type, String typeLabel, String title, String severity, String severityLabel, String deviceName, String zoneName,
            List<String> areas, String place, double lon, double lat, Instant raisedAt, Instant offeredAt, Instant answeredAt,
            Instant arrivedAt, Float distanceM, String endedReason, Instant endedAt) {
    }

    /** The caller's open dispatches ({@code items}, newest offer first) and those ended in the last 12 hours ({@code ended}). */
    public record Offers(List<Offer> items, List<Offer> ended) {
    }

    /** An alert on the phone that its dispatches changed ({@code offer-changed}) or that one ended ({@code offer-ended}, with the reason). */
    record Notice(String kind, long alarmId, String reason) {
    }

    /** Types in words; a type not named here is shown by the alarm's title. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("perimeter.intrusion", "周界入侵"), Map.entry("perimeter.tamper", "周界设备防拆"), Map.entry("perimeter.fault", "周界设备故障"),
            Map.entry("gate.forced", "门禁被强行闯入"), Map.entry("gate.tailgating", "尾随通行"), Map.entry("gate.watchlist", "布控车牌通行"),
            Map.entry("gate.denied", "门禁拒绝通行"), Map.entry("camera.tamper", "摄像机遮挡或破坏"),
            Map.entry("camera.person.restricted", "禁区内发现人员"), Map.entry("zone.enter", "进入禁区"), Map.entry("patrol.sos", "巡逻队员紧急求助"), Map.entry("face.watchlist", "人脸布控告警"),
            Map.entry("device.offline", "设备离线"));

    private static final Map<String, String> SEVERITIES = Map.of("LOW", "一般", "MEDIUM", "较重", "HIGH", "严重", "CRITICAL", "紧急");

    private static final String OPEN = AlarmStatus.sqlList(AlarmStatus.OPEN);

    /**
     * The caller's dispatches that are open (not declined, the alarm still open) or were ended by the alarm's closing since
     * {@code :since}, with the alarm's place names (zone: the zones feature's {@code zone}; areas: the geo engine's {@code area};
     * device: the devices feature's {@code device}; read only) and the step that closed it.
     */
    private static final String MINE = """
            select x.alarm_id, x.status dstatus, m.role member_role, x.distance_m, x.offered_at, x.answered_at, x.arrived_at,
                   a.status astatus, a.type, a.title, a.severity, a.first_seen_at, a.updated_at, st_x(a.location) lon, st_y(a.location) lat,
                   d.name device_name, z.name zone_name,
                   array(select ar.name from unnest(a.area_path) with ordinality p(id, n) join area ar on ar.id = p.id order by p.n) areas,
                   closing.action close_action, closing.note close_note, coalesce(cu.display_name, closing.actor) close_actor,
                   closing.actor = :username closed_by_me
            from alarm_dispatch x
            join member m on m.id = x.member_id
            join alarm a on a.id = x.alarm_id
            left join device d on d.id = a.device_id
            left join zone z on z.code = a.zone_id
            left join lateral (select e.action, e.note, e.actor, e.at from alarm_event e
                               where e.alarm_id = a.id and e.action in ('resolve', 'false-alarm', 'to-case') order by e.at desc, e.id desc limit 1) closing on true
            left join app_user cu on cu.username = closing.actor
            where m.user_id = :user and x.status <> 'DECLINED'
              and (a.status in (%s) or a.updated_at >= :since)
            order by x.offered_at desc, x.alarm_id desc""".formatted(OPEN);

    private final JdbcClient jdbc;
    private final PushHub push;

    MemberOffers(JdbcClient jdbc, PushHub push) {
        this.jdbc = jdbc;
        this.push = push;
    }

    Offers of(long userId, String username, Instant now) {
        List<Offer> open = new ArrayList<>();
        List<Offer> ended = new ArrayList<>();
        jdbc.sql(MINE).param("user", userId).param("username", username).param("since", Timestamp.from(now.minus(ENDED_WINDOW)))
                .query(rs -> {
                    Offer o = offer(rs);
                    (Stage.ENDED.name().equals(o.stage()) ? ended : open).add(o);
                });
        return new Offers(open, ended);
    }

    private static Offer offer(ResultSet rs) throws SQLException {
        String dstatus = rs.getString("dstatus");
        AlarmStatus astatus = AlarmStatus.valueOf(rs.getString("astatus"));
        Stage stage = !astatus.isOpen() ? Stage.ENDED : switch (dstatus) {
            case "OFFERED" -> Stage.OFFERED;
            case "ARRIVED" -> Stage.ARRIVED;
            default -> Stage.EN_ROUTE;
        };
        List<String> areas = Arrays.asList((String[]) rs.getArray("areas").getArray());
        String place = String.join(" · ", areas.subList(Math.max(0, areas.size() - 2), areas.size()));
        String type = rs.getString("type");
        // a restricted alarm's title (a watched person's alias and reason) only for a role its audience admits
        String title = AlarmAudience.titleFor(org.redwhistle.geo.responders.ResponderRole.valueOf(rs.getString("member_role")), type, rs.getString("title"));
        float distance = rs.getFloat("distance_m");
        Float distanceM = rs.wasNull() ? null : distance;
        return new Offer(rs.getLong("alarm_id"), stage.name(), stage.label, dstatus, astatus.name(), astatus.label(), type,
                TYPES.getOrDefault(type, title), title, rs.getString("severity"),
                SEVERITIES.getOrDefault(rs.getString("severity"), rs.getString("severity")), rs.getString("device_name"), rs.getString("zone_name"),
                areas, place, rs.getDouble("lon"), rs.getDouble("lat"), instant(rs, "first_seen_at"), instant(rs, "offered_at"),
                instant(rs, "answered_at"), instant(rs, "arrived_at"), distanceM,
                stage == Stage.ENDED ? endedReason(dstatus, astatus, rs.getString("close_actor"), rs.getBoolean("closed_by_me"), rs.getString("close_note"))
                        : null,
                stage == Stage.ENDED ? instant(rs, "updated_at") : null);
    }

    /** Why a dispatch ended, as the member reads it: withdrawn (never accepted) or ended, and how the alarm was closed, by whom. */
    static String endedReason(String dispatchStatus, AlarmStatus alarm, String closedBy, boolean byMe, String note) {
        if (byMe) {
            return "您已办结" + (note == null || note.isBlank() ? "" : "：" + note);
        }
        String how = alarm == AlarmStatus.FALSE_ALARM ? "指挥中心判定为误报" : "告警已处置";
        String who = closedBy == null ? "" : "（" + closedBy + "）";
        return ("OFFERED".equals(dispatchStatus) ? "派警已撤回：" : "任务已结束：") + how + who;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Tells the phones of the members sent to a changed alarm: {@code offer-ended} with the reason when it closed while they
     * were on it, {@code offer-changed} otherwise (a phone reads its offers again). A dispatch's own alert goes out from
     * {@link Dispatcher}; this one may follow it, and the phone shows each alarm once whatever the order.
     */
    @EventListener
    public void on(AlarmChanged change) {
        AlarmView a = change.alarm();
        List<AlarmResponder> sent = a.responders().stream().filter(r -> !"DECLINED".equals(r.status())).toList();
        if (sent.isEmpty()) {
            return;
        }
        try {
            Map<Long, Long> users = new HashMap<>();
            jdbc.sql("select id, user_id from member where id = any(?) and user_id is not null")
                    .param(sent.stream().map(AlarmResponder::memberId).toArray(Long[]::new))
                    .query(rs -> {
                        users.put(rs.getLong(1), rs.getLong(2));
                    });
            for (AlarmResponder r : sent) {
                Long user = users.get(r.memberId());
                if (user == null) {
                    continue;
                }
                Notice n = a.status().isOpen() ? new Notice("offer-changed", a.id(), null)
                        : new Notice("offer-ended", a.id(), endedReason(r.status(), a.status(), null, false, null));
                push.publish(Destinations.ALERTS, n, Audience.user(user));
            }
        } catch (RuntimeException e) {
            log.warn("alarm {}: the dispatched members' phones were not told of the change: {}", a.id(), e.toString());
        }
    }
}
