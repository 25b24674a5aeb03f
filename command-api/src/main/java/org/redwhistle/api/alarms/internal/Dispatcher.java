package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.redwhistle.api.alarms.AlarmResponder;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.DutyGates;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends patrol members to an alarm: who they are and whether the sender may send them, then one
 * statement that writes the dispatch, then each member's alert on {@code /user/queue/alerts}.
 */
@Component
class Dispatcher {

    static final double PROPOSAL_RADIUS_M = 3000;

    /**
     * A dispatch in one statement, committed on its own: the alarm (if it may still be dispatched),
     * the offers, the members made busy, the timeline and the audit. The patrol members' alerts wait
     * for it, and on a busy machine every round trip waits to be scheduled: this was six statements
     * and a commit. Owned by alarms; it also marks the members busy (the members feature's
     * {@code member.state}) and writes the audit row in the audit feature's shape
     * ({@link AuditLog#INSERT}) because splitting it would cost the alerts those round trips.
     */
    private static final String DISPATCH = """
            with alarm_row as (
                update alarm set status = 'DISPATCHED', updated_at = :now, version = version + 1
                where id = :alarm and status in (%s)
                returning id),
            offered as (
                insert into alarm_dispatch (alarm_id, member_id, status, distance_m, offered_at)
                select r.id, u.m, 'OFFERED', u.d, :now from alarm_row r, unnest(cast(:members as bigint[]), cast(:distances as float8[])) as u(m, d)
                on conflict (alarm_id, member_id) do update set status = 'OFFERED', offered_at = excluded.offered_at, answered_at = null),
            busy as (
                update member set state = 'BUSY', updated_at = now()
                where id = any(cast(:members as bigint[])) and exists (select from alarm_row)),
            timeline as (
                insert into alarm_event (alarm_id, at, actor, action, status, note)
                select id, :now, :actor, 'dispatch', 'DISPATCHED', :text from alarm_row),
            audited as (
                %s
                select :actor, 'alarm.dispatch', 'alarm', id::text, cast(:text as text), cast(:detail as jsonb) from alarm_row)
            select exists (select from alarm_row)""".formatted(AlarmStatus.sqlList(AlarmStatus.leadingTo(AlarmStatus.DISPATCHED)), AuditLog.INSERT);

    /** The alert on a dispatched member's phone. */
    record Alert(String kind, long alarmId, String title, AlarmSeverity severity, double lon, double lat, Long distanceM, String text) {
    }

    /** A member to send: who, their login (null: no phone to alert) and where they are. */
    private record Target(String name, String role, String affiliation, Long userId, Double lon, Double lat, List<Long> areaPath) {

        /** How the timeline and the audit name them: name, role and affiliation. */
        String described() {
            return AlarmResponder.described(name, role, affiliation);
        }
    }

    private final JdbcClient jdbc;
    private final ResponderLocator responders;
    private final PushHub push;
    private final JsonMapper json;
    private final AlarmTimeline timeline;
    private final Timer dispatchTimer;
    private final DutyGates duty;

    Dispatcher(JdbcClient jdbc, ResponderLocator responders, PushHub push, JsonMapper json, AlarmTimeline timeline, MeterRegistry meters,
            DutyGates duty) {
        this.duty = duty;
        this.jdbc = jdbc;
        this.responders = responders;
        this.push = push;
        this.json = json;
        this.timeline = timeline;
        this.dispatchTimer = Timer.builder("rw.alarm.dispatch")
                .description("a dispatch's members looked up and its statement committed, before the alerts go out")
                .publishPercentiles(0.5, 0.99).register(meters);
    }

    /** How many of each role a proposal names at most. */
    static final int PROPOSED_PER_ROLE = 3;

    /** How many members a dispatch without names sends: the nearest of the proposal. */
    static final int DEFAULT_DISPATCH = 3;

    /**
     * The nearest available patrol members and police within the proposal radius whom the user may
     * send ({@link #maySend}), nearest first, at most {@link #PROPOSED_PER_ROLE} of each role, so
     * that nearer patrol members never crowd the police out. Only roles the alarm's audience admits
     * ({@link AlarmAudience}: the police for a face watchlist hit), and only members every duty gate still lets
     * be on duty ({@link DutyGates}: a training may have expired since they went on duty).
     */
    List<ResponderLocator.Nearby> nearest(CurrentUser user, AlarmView a) {
        List<ResponderLocator.Nearby> out = new ArrayList<>();
        for (ResponderRole role : List.of(ResponderRole.PATROL, ResponderRole.POLICE)) {
            if (!AlarmAudience.admits(role, a.type())) {
                continue;
            }
            for (ResponderLocator.Nearby n : responders.nearby(a.lon(), a.lat(), PROPOSAL_RADIUS_M, PROPOSED_PER_ROLE, Set.of(role),
                    Set.of(ResponderState.AVAILABLE), path -> maySend(user, path, a))) {
                if (duty.refusal(n.responder().id()).isEmpty()) {
                    out.add(n);
                }
            }
        }
        out.sort(Comparator.comparingDouble(ResponderLocator.Nearby::distanceM));
        return out;
    }

    /**
     * Whether the user may send a member (area path {@code memberPath}, district first) to the alarm:
     * a member inside the user's area, or one whose own area covers the alarm's place, whoever asks
     * (the street's community police officer for an alarm in one of the street's communities, asked by
     * the community's operator, whose area does not hold the street).
     */
    static boolean maySend(CurrentUser user, List<Long> memberPath, AlarmView a) {
        return user.covers(memberPath) || (!memberPath.isEmpty() && a.areaPath().contains(memberPath.get(memberPath.size() - 1)));
    }

    /**
     * Sends {@code memberIds} (empty: the nearest) to the alarm; 409 if nobody is available or the alarm may not be dispatched now,
     * and for a named member whom the alarm's audience does not admit or a duty gate refuses (with the reason in Chinese). A named
     * member off duty but allowed on it may be sent, as the command center calls them.
     */
    void dispatch(AlarmView a, CurrentUser user, String note, List<Long> memberIds, Instant now) {
        List<Long> chosen = memberIds == null || memberIds.isEmpty()
                ? nearest(user, a).stream().limit(DEFAULT_DISPATCH).map(n -> n.responder().id()).toList()
                : memberIds.stream().distinct().toList();
        if (chosen.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "Nobody to dispatch", "no available patrol member within " + (int) PROPOSAL_RADIUS_M
                    + " m; name members explicitly", List.of(new ApiException.FieldError("memberIds", "none available nearby")));
        }
        long started = System.nanoTime();
        Map<Long, Target> targets = targets(chosen);
        List<Alert> alerts = new ArrayList<>();
        List<Long> alerted = new ArrayList<>();
        Long[] ids = new Long[chosen.size()];
        Double[] distances = new Double[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            Long m = chosen.get(i);
            Target t = targets.get(m);
            if (t == null) {
                throw ApiException.badField("memberIds", "member " + m + " does not exist");
            }
            if (!maySend(user, t.areaPath(), a)) {
                throw ApiException.badField("memberIds", "member " + m + " is outside your area");
            }
            ResponderRole role = ResponderRole.valueOf(t.role());
            java.util.Optional<String> refused = AlarmAudience.dispatchRefusal(role, a.type()).or(() -> duty.refusal(m));
            if (refused.isPresent()) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", refused.get(),
                        List.of(new ApiException.FieldError("memberIds", t.name() + "：" + refused.get())));
            }
            Double d = t.lon() == null ? null : Ellipsoid.distanceM(t.lon(), t.lat(), a.lon(), a.lat());
            ids[i] = m;
            distances[i] = d;
            if (t.userId() != null) {
                Long metres = d == null ? null : Math.round(d);
                String title = AlarmAudience.titleFor(role, a.type(), a.title());
                alerts.add(new Alert("dispatch", a.id(), title, a.severity(), a.lon(), a.lat(), metres,
                        metres == null ? title + "，请前往" : title + "，距您 " + metres + " 米，请前往"));
                alerted.add(t.userId());
            }
        }
        String text = "派警：" + String.join("、", chosen.stream().map(m -> targets.get(m).described()).toList())
                + (note == null || note.isBlank() ? "" : "；" + note);
        boolean dispatched = jdbc.sql(DISPATCH)
                .param("alarm", a.id()).param("now", Timestamp.from(now)).param("members", ids).param("distances", distances)
                .param("actor", user.username()).param("text", text)
                .param("detail", json.writeValueAsString(Map.of("members", chosen, "names", chosen.stream().map(m -> targets.get(m).name()).toList(),
                        "note", note == null ? "" : note)))
                .query(Boolean.class).single();
        if (!dispatched) {
            throw AlarmConflict.of(a.id(), "dispatch", timeline.current(a.id()), AlarmStatus.leadingTo(AlarmStatus.DISPATCHED));
        }
        dispatchTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        chosen.forEach(m -> responders.stateChanged(m, ResponderState.BUSY));
        for (int i = 0; i < alerts.size(); i++) {
            push.publish(Destinations.ALERTS, alerts.get(i), Audience.user(alerted.get(i)));
        }
    }

    /** Who the members are and where (the members feature's {@code member} table, read only). */
    private Map<Long, Target> targets(List<Long> chosen) {
        Map<Long, Target> rows = new HashMap<>();
        jdbc.sql("""
                select m.id, m.name, m.role, m.affiliation, m.user_id, st_x(m.location), st_y(m.location), a.path
                from member m join area a on a.id = m.area_id where m.id = any(?)""").param(chosen.toArray(Long[]::new))
                .query(rs -> {
                    rows.put(rs.getLong(1), new Target(rs.getString(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5),
                            (Double) rs.getObject(6), (Double) rs.getObject(7), List.of((Long[]) rs.getArray(8).getArray())));
                });
        return rows;
    }
}
