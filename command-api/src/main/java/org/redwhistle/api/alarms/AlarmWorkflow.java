package org.redwhistle.api.alarms;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.PhoneFixReported;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An alarm's life after it is raised: new → acknowledged → dispatched → on scene → resolved, or
 * false alarm. Dispatch proposes the nearest available patrol members and the cameras that see the
 * place; the operator confirms (or names others). Each dispatched member gets the alert on
 * {@code /user/queue/alerts}, accepts or declines; an accepting member who comes within
 * {@code redwhistle.alarms.arrival-radius} (50 m) is on scene, which puts the alarm on scene. A new
 * alarm nobody acknowledges within {@code redwhistle.alarms.ack-timeout} (5 min) is re-alerted with
 * its severity raised one step (at most until CRITICAL). Every step is in the alarm's timeline and
 * the audit log.
 */
@Service
public class AlarmWorkflow {

    private static final Logger log = LoggerFactory.getLogger(AlarmWorkflow.class);
    static final double PROPOSAL_RADIUS_M = 3000;
    /** SQL: the alarm's severity one step up, at most CRITICAL (re-alerts, camera verification). */
    static final String SEVERITY_ONE_UP = "case severity when 'LOW' then 'MEDIUM' when 'MEDIUM' then 'HIGH' else 'CRITICAL' end";

    private final io.micrometer.core.instrument.Timer dispatchTimer;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AlarmQueries queries;
    private final ResponderLocator responders;
    private final CameraCoverage cameras;
    private final AuditLog audit;
    private final PushHub push;
    private final ApplicationEventPublisher events;
    private final double arrivalRadiusM;
    private final Duration ackTimeout;
    private final org.redwhistle.api.areas.AreaScope scope;
    private final org.redwhistle.api.cases.Cases cases;
    private final List<String> autoDispatch;
    private final Members members;
    private final tools.jackson.databind.json.JsonMapper json;
    private final ClusterJobs jobs;

    public AlarmWorkflow(JdbcClient jdbc, TransactionTemplate tx, AlarmQueries queries, ResponderLocator responders, CameraCoverage cameras,
            AuditLog audit, PushHub push, ApplicationEventPublisher events, org.redwhistle.api.areas.AreaScope scope,
            org.redwhistle.api.cases.Cases cases, @Value("${redwhistle.alarms.auto-dispatch:}") List<String> autoDispatch, Members members,
            @Value("${redwhistle.alarms.arrival-radius:50}") double arrivalRadiusM,
            @Value("${redwhistle.alarms.ack-timeout:5m}") Duration ackTimeout, tools.jackson.databind.json.JsonMapper json,
            io.micrometer.core.instrument.MeterRegistry meters, ClusterJobs jobs) {
        this.jobs = jobs;
        this.json = json;
        this.dispatchTimer = io.micrometer.core.instrument.Timer.builder("rw.alarm.dispatch")
                .description("a dispatch's members looked up and its statement committed, before the alerts go out")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.scope = scope;
        this.cases = cases;
        this.autoDispatch = autoDispatch;
        this.members = members;
        this.jdbc = jdbc;
        this.tx = tx;
        this.queries = queries;
        this.responders = responders;
        this.cameras = cameras;
        this.audit = audit;
        this.push = push;
        this.events = events;
        this.arrivalRadiusM = arrivalRadiusM;
        this.ackTimeout = ackTimeout;
    }

    /** Dispatch states in which an alarm is a responder's own: any offer to see it, an accepted one to act on it. */
    private static final List<String> ANY_DISPATCH = List.of("OFFERED", "ACCEPTED", "DECLINED", "ARRIVED");
    private static final List<String> ON_IT = List.of("ACCEPTED", "ARRIVED");

    /**
     * The alarm if the caller's scope for the route's permission reaches it: the command center's
     * area, or for a responder (OWN) an alarm they were dispatched to (to act on it: one they
     * accepted). Otherwise 404, as if it did not exist.
     */
    public AlarmView visible(Caller caller, long id) {
        AlarmView a = queries.find(id).orElseThrow(() -> ApiException.notFound("alarm " + id));
        boolean reached = switch (caller.scope()) {
            case ALL, AREA -> caller.user().covers(a.areaPath());
            case OWN -> queries.dispatchedTo(caller.user().id(), id,
                    caller.permission() == Permission.ALARMS_READ || caller.permission() == Permission.ALARMS_ANSWER ? ANY_DISPATCH : ON_IT);
            case SHARED -> throw caller.unsupportedScope();
        };
        if (!reached) {
            throw ApiException.notFound("alarm " + id);
        }
        return a;
    }

    /**
     * What the cameras saw: the snapshots linked to the alarm, else the latest snapshot of each
     * covering camera, newest first.
     */
    private List<Map<String, Object>> latestSnapshots(AlarmView a, List<String> cameraIds) {
        return jdbc.sql("""
                select * from (
                    select s.id, s.device_id, s.captured_at, s.alarm_id = :alarm linked, s.width, s.height, s.people,
                           coalesce(s.detections, '[]'::jsonb)::text detections,
                           row_number() over (partition by s.device_id order by (s.alarm_id = :alarm) desc nulls last,
                                              (s.people > 0) desc nulls last, s.captured_at desc) n
                    from snapshot s where s.alarm_id = :alarm or s.device_id = any(:cameras)) x
                where n = 1 order by linked desc nulls last, people desc nulls last, captured_at desc limit 4""")
                .param("alarm", a.id()).param("cameras", cameraIds.toArray(String[]::new))
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("snapshotId", rs.getLong("id"));
                    m.put("deviceId", rs.getString("device_id"));
                    m.put("capturedAt", rs.getTimestamp("captured_at").toInstant());
                    m.put("linked", rs.getBoolean("linked"));
                    m.put("width", rs.getInt("width"));
                    m.put("height", rs.getInt("height"));
                    m.put("people", rs.getObject("people"));
                    // people and motion boxes in the image's pixels, for the dashboard to draw over the picture
                    m.put("detections", json.readTree(rs.getString("detections")));
                    m.put("imageUrl", "/api/v1/snapshots/" + rs.getLong("id") + "/image");
                    m.put("thumbnailUrl", "/api/v1/snapshots/" + rs.getLong("id") + "/thumbnail");
                    return m;
                })
                .list();
    }

    static final int MAX_PHOTO_BYTES = 5 * 1024 * 1024;

    /** A photo of the scene: its type, and its bytes. */
    public record Photo(String contentType, byte[] data) {
    }

    /**
     * Keeps a photo of the scene with the alarm (a JPEG, PNG or WebP of at most 5 MiB, checked by its
     * first bytes, not only by what the client says), in its timeline and audited. Whoever may see
     * the alarm may add one: the dispatched member resolving it, or an operator.
     */
    public long addPhoto(Caller caller, long id, String declaredType, byte[] data) {
        CurrentUser user = caller.user();
        AlarmView a = visible(caller, id);
        String type = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("image/jpeg", "image/png", "image/webp").contains(type)) {
            throw ApiException.badField("Content-Type", "send the photo as image/jpeg, image/png or image/webp, not '" + declaredType + "'");
        }
        if (data.length == 0) {
            throw ApiException.badField("photo", "the body is empty");
        }
        if (!type.equals(sniff(data))) {
            throw ApiException.badField("photo", "the bytes are not a " + type + " image");
        }
        Instant now = Instant.now();
        Long photoId = tx.execute(s -> {
            long pid = jdbc.sql("insert into alarm_photo (alarm_id, content_type, bytes, data, uploaded_by) values (?, ?, ?, ?, ?) returning id")
                    .params(a.id(), type, data.length, data, user.username()).query(Long.class).single();
            event(a.id(), user.username(), "photo", AlarmStatus.valueOf(current(a.id())), "现场照片 #" + pid, now);
            audit.record(user.username(), "alarm.photo", "alarm", String.valueOf(a.id()), null, Map.of("photoId", pid, "bytes", data.length));
            return pid;
        });
        queries.find(a.id()).ifPresent(v -> events.publishEvent(new AlarmChanged(v, false)));
        return photoId;
    }

    /** A photo of an alarm the user may see. */
    public Photo photo(Caller caller, long id, long photoId) {
        visible(caller, id);
        return jdbc.sql("select content_type, data from alarm_photo where id = ? and alarm_id = ?").params(photoId, id)
                .query((rs, i) -> new Photo(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> ApiException.notFound("photo " + photoId + " of alarm " + id));
    }

    private static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return "unknown";
    }

    /** The nearest available patrol members (and police) and the cameras that see the place. */
    public Map<String, Object> proposal(Caller caller, long id) {
        CurrentUser user = caller.user();
        AlarmView a = visible(caller, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alarmId", id);
        out.put("members", nearest(user, a).stream()
                .map(n -> Map.of("memberId", n.responder().id(), "name", n.responder().name(), "role", n.responder().role().name(),
                        "distanceM", Math.round(n.distanceM()))).toList());
        var covering = cameras.covering(a.lon(), a.lat(), area -> scope.isInside(user, area));
        out.put("cameras", covering);
        out.put("snapshots", latestSnapshots(a, covering.stream().map(c -> c.deviceId()).toList()));
        return out;
    }

    /** The nearest available patrol members and police within the proposal radius, inside the user's area. */
    private List<ResponderLocator.Nearby> nearest(CurrentUser user, AlarmView a) {
        return responders.nearby(a.lon(), a.lat(), PROPOSAL_RADIUS_M, 3, Set.of(ResponderRole.PATROL, ResponderRole.POLICE),
                Set.of(ResponderState.AVAILABLE), user::covers);
    }

    /**
     * One step of the alarm's life. Who may take which step is the access policy's (alarms.command,
     * alarms.resolve, alarms.answer); the caller's scope decides which alarms they reach.
     */
    public AlarmView act(Caller caller, long id, String action, String note, List<Long> memberIds) {
        CurrentUser user = caller.user();
        AlarmView a = visible(caller, id);
        Instant now = Instant.now();
        switch (action) {
            case "acknowledge" -> transition(a, user, "acknowledge", AlarmStatus.ACKNOWLEDGED, note, now, AlarmStatus.NEW);
            case "dispatch" -> dispatch(a, user, note, memberIds, now);
            case "resolve" -> transition(a, user, "resolve", AlarmStatus.RESOLVED, required(note), now, AlarmStatus.NEW, AlarmStatus.ACKNOWLEDGED,
                    AlarmStatus.DISPATCHED, AlarmStatus.ON_SCENE);
            case "false-alarm" -> transition(a, user, "false-alarm", AlarmStatus.FALSE_ALARM, required(note), now,
                    AlarmStatus.NEW, AlarmStatus.ACKNOWLEDGED, AlarmStatus.DISPATCHED, AlarmStatus.ON_SCENE);
            case "accept", "decline" -> answer(a, user, action, now);
            case "to-case" -> toCase(a, user, note, now);
            default -> throw new IllegalArgumentException("no alarm action " + action);
        }
        AlarmView v = queries.find(id).orElseThrow();
        events.publishEvent(new AlarmChanged(v, false));
        return v;
    }

    private static String required(String note) {
        if (note == null || note.isBlank()) {
            throw ApiException.badField("note", "say what was found");
        }
        return note;
    }

    private void transition(AlarmView a, CurrentUser user, String action, AlarmStatus to, String note, Instant now, AlarmStatus... from) {
        List<Long> freed = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            int n = jdbc.sql("update alarm set status = ?, updated_at = ?, version = version + 1 where id = ? and status = any(?)")
                    .params(to.name(), Timestamp.from(now), a.id(), java.util.Arrays.stream(from).map(Enum::name).toArray(String[]::new)).update();
            if (n == 0) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "the alarm is " + current(a.id()) + "; " + action + " needs "
                        + List.of(from), List.of(new ApiException.FieldError("status", current(a.id()))));
            }
            event(a.id(), user.username(), action, to, note, now);
            audit.record(user.username(), "alarm." + action, "alarm", String.valueOf(a.id()), note, Map.of("to", to.name()));
            if (to == AlarmStatus.RESOLVED || to == AlarmStatus.FALSE_ALARM) {
                // dispatched members are free again
                freed.addAll(jdbc.sql("""
                        update member set state = 'AVAILABLE', updated_at = now() where id in
                          (select member_id from alarm_dispatch where alarm_id = ? and status in ('OFFERED', 'ACCEPTED', 'ARRIVED')) and state = 'BUSY'
                        returning id""")
                        .param(a.id()).query(Long.class).list());
            }
        });
        // the live index learns the new states at once (no reload of every member moved lately)
        freed.forEach(m -> responders.stateChanged(m, ResponderState.AVAILABLE));
    }

    String current(long id) {
        return jdbc.sql("select status from alarm where id = ?").param(id).query(String.class).single();
    }

    void event(long id, String actor, String action, AlarmStatus status, String note, Instant at) {
        jdbc.sql("insert into alarm_event (alarm_id, at, actor, action, status, note) values (?, ?, ?, ?, ?, ?)")
                .params(id, Timestamp.from(at), actor, action, status.name(), note).update();
    }

    /**
     * A dispatch in one statement, committed on its own: the alarm (if it may still be dispatched),
     * the offers, the members made busy, the timeline and the audit. The patrol members' alerts wait
     * for it, and on a busy machine every round trip waits to be scheduled: this was six statements
     * and a commit. Writes the same rows as {@link #event} and {@link AuditLog#record}.
     */
    private static final String DISPATCH = """
            with alarm_row as (
                update alarm set status = 'DISPATCHED', updated_at = :now, version = version + 1
                where id = :alarm and status in ('NEW', 'ACKNOWLEDGED', 'DISPATCHED')
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
                select :actor, 'alarm.dispatch', 'alarm', id::text, cast(:note as text), cast(:detail as jsonb) from alarm_row)
            select exists (select from alarm_row)""".formatted(AuditLog.INSERT);

    @SuppressWarnings("unchecked")
    private void dispatch(AlarmView a, CurrentUser user, String note, List<Long> memberIds, Instant now) {
        List<Long> chosen = memberIds == null || memberIds.isEmpty()
                ? nearest(user, a).stream().map(n -> n.responder().id()).toList()
                : memberIds.stream().distinct().toList();
        if (chosen.isEmpty()) {
            throw new ApiException(HttpStatus.CONFLICT, "Nobody to dispatch", "no available patrol member within " + (int) PROPOSAL_RADIUS_M
                    + " m; name members explicitly", List.of(new ApiException.FieldError("memberIds", "none available nearby")));
        }
        // who they are, where they are and whether the user may send them; then one statement writes it all
        long started = System.nanoTime();
        Map<Long, Object[]> rows = new java.util.HashMap<>();
        jdbc.sql("""
                select m.id, m.user_id, st_x(m.location), st_y(m.location), a.path from member m join area a on a.id = m.area_id
                where m.id = any(?)""").param(chosen.toArray(Long[]::new))
                .query(rs -> {
                    rows.put(rs.getLong(1), new Object[] {rs.getObject(2), rs.getObject(3), rs.getObject(4), List.of((Long[]) rs.getArray(5).getArray())});
                });
        List<long[]> alerts = new ArrayList<>();
        Long[] ids = new Long[chosen.size()];
        Double[] distances = new Double[chosen.size()];
        for (int i = 0; i < chosen.size(); i++) {
            Long m = chosen.get(i);
            Object[] row = rows.get(m);
            if (row == null) {
                throw ApiException.badField("memberIds", "member " + m + " does not exist");
            }
            if (!user.covers((List<Long>) row[3])) {
                throw ApiException.badField("memberIds", "member " + m + " is outside your area");
            }
            Double d = row[1] == null ? null : Ellipsoid.distanceM((Double) row[1], (Double) row[2], a.lon(), a.lat());
            ids[i] = m;
            distances[i] = d;
            if (row[0] != null) {
                alerts.add(new long[] {(Long) row[0], m, d == null ? -1 : Math.round(d)});
            }
        }
        String text = "派警：" + chosen + (note == null ? "" : "；" + note);
        boolean dispatched = jdbc.sql(DISPATCH)
                .param("alarm", a.id()).param("now", Timestamp.from(now)).param("members", ids).param("distances", distances)
                .param("actor", user.username()).param("text", text).param("note", note)
                .param("detail", json.writeValueAsString(Map.of("members", chosen)))
                .query(Boolean.class).single();
        if (!dispatched) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "the alarm is " + current(a.id()), List.of());
        }
        dispatchTimer.record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        chosen.forEach(m -> responders.stateChanged(m, ResponderState.BUSY));
        for (long[] alert : alerts) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("kind", "dispatch");
            body.put("alarmId", a.id());
            body.put("title", a.title());
            body.put("severity", a.severity());
            body.put("lon", a.lon());
            body.put("lat", a.lat());
            body.put("distanceM", alert[2] < 0 ? null : alert[2]);
            body.put("text", alert[2] < 0 ? a.title() + "，请前往" : a.title() + "，距您 " + alert[2] + " 米，请前往");
            long userId = alert[0];
            push.publish(Destinations.ALERTS, body, Audience.user(userId));
        }
    }

    private void answer(AlarmView a, CurrentUser user, String action, Instant now) {
        Long member = jdbc.sql("select id from member where user_id = ?").param(user.id()).query(Long.class).optional()
                .orElseThrow(() -> ApiException.forbidden("only a dispatched member answers a dispatch"));
        tx.executeWithoutResult(s -> {
            int n = jdbc.sql("update alarm_dispatch set status = ?, answered_at = ? where alarm_id = ? and member_id = ? and status = 'OFFERED'")
                    .params("accept".equals(action) ? "ACCEPTED" : "DECLINED", Timestamp.from(now), a.id(), member).update();
            if (n == 0) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "no open dispatch of this alarm to you", List.of());
            }
            if ("decline".equals(action)) {
                jdbc.sql("update member set state = 'AVAILABLE', updated_at = now() where id = ?").param(member).update();
            }
            event(a.id(), user.username(), action, AlarmStatus.valueOf(current(a.id())), null, now);
            audit.record(user.username(), "alarm." + action, "alarm", String.valueOf(a.id()), null, Map.of("memberId", member));
        });
        if ("decline".equals(action)) {
            responders.stateChanged(member, ResponderState.AVAILABLE);
        }
    }

    /**
     * What the command center cannot close on the spot becomes a case at the alarm's place (channel
     * ALARM, linked to the alarm), and the alarm is resolved with the case's reference.
     */
    private void toCase(AlarmView a, CurrentUser user, String note, Instant now) {
        required(note);
        org.redwhistle.api.cases.CaseView c = cases.submit(user, new org.redwhistle.api.cases.Cases.NewCase("GENERAL", "告警转办",
                a.title() + "：" + note, List.of(), a.lon(), a.lat(), "ALARM"), now);
        jdbc.sql("update case_file set alarm_id = ? where id = ?").params(a.id(), c.id()).update();
        transition(a, user, "to-case", AlarmStatus.RESOLVED, "转为诉求 " + c.ref() + "：" + note, now, AlarmStatus.NEW, AlarmStatus.ACKNOWLEDGED,
                AlarmStatus.DISPATCHED, AlarmStatus.ON_SCENE);
    }

    // ---- auto-dispatch ----

    /**
     * Alarms of these severities are dispatched to the proposal at once (redwhistle.alarms.auto-dispatch; none by default).
     * Right after the operators are told (PushHub) and before anything else (camera verification):
     * the patrol members' phones are the next most urgent.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    public void on(AlarmChanged changed) {
        if (changed.created()) {
            autoDispatch(changed.alarm(), "自动派警（" + changed.alarm().severity() + "）");
        }
    }

    /**
     * Dispatches the alarm to its proposal at once if its severity is in the auto-dispatch policy and
     * nobody was dispatched yet; true if it did. Used when an alarm is raised, and when camera
     * verification raises its severity.
     */
    public boolean autoDispatch(AlarmView a, String note) {
        if (!autoDispatch.contains(a.severity().name()) || !(a.status() == AlarmStatus.NEW || a.status() == AlarmStatus.ACKNOWLEDGED)) {
            return false;
        }
        try {
            CurrentUser system = new CurrentUser(0, AuditLog.SYSTEM, Role.ADMIN, null);
            dispatch(a, system, note, List.of(), Instant.now());
            queries.find(a.id()).ifPresent(v -> events.publishEvent(new AlarmChanged(v, false)));
            return true;
        } catch (ApiException e) {
            log.warn("auto-dispatch of alarm {} did not happen: {}", a.id(), e.getMessage());
            return false;
        }
    }

    // ---- arrival from positions ----

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
        List<long[]> open = jdbc.sql("""
                select d.alarm_id from alarm_dispatch d join alarm a on a.id = d.alarm_id
                where d.member_id = ? and d.status = 'ACCEPTED'
                  and st_dwithin(a.location::geography, st_setsrid(st_makepoint(?, ?), 4326)::geography, ?)""")
                .params(memberId, lon, lat, arrivalRadiusM).query((rs, i) -> new long[] {rs.getLong(1)}).list();
        for (long[] o : open) {
            long alarmId = o[0];
            tx.executeWithoutResult(s -> {
                jdbc.sql("update alarm_dispatch set status = 'ARRIVED', arrived_at = ? where alarm_id = ? and member_id = ?")
                        .params(Timestamp.from(at), alarmId, memberId).update();
                int n = jdbc.sql("update alarm set status = 'ON_SCENE', updated_at = now(), version = version + 1 where id = ? and status = 'DISPATCHED'")
                        .param(alarmId).update();
                event(alarmId, "member:" + memberId, "arrive", AlarmStatus.valueOf(current(alarmId)), "到达现场（位置）", at);
                audit.record(AuditLog.SYSTEM, "alarm.arrive", "alarm", String.valueOf(alarmId), "position within " + (int) arrivalRadiusM + " m",
                        Map.of("memberId", memberId, "onScene", n == 1));
            });
            log.info("member {} arrived at alarm {}", memberId, alarmId);
            queries.find(alarmId).ifPresent(v -> events.publishEvent(new AlarmChanged(v, false)));
        }
    }

    // ---- re-alert ----

    /** Once per cluster ({@link ClusterJobs}). */
    @Scheduled(initialDelayString = "${redwhistle.alarms.realert-check:30s}", fixedDelayString = "${redwhistle.alarms.realert-check:30s}")
    public void scheduledRealert() {
        jobs.runExclusively("alarms.realert", () -> realert(Instant.now()));
    }

    private record DueRealert(long id, int realerts) {
    }

    /**
     * New alarms nobody acknowledged within the timeout: severity one step up, pushed again. Returns how many.
     * The update re-checks what the select saw (still NEW, still due, not re-alerted since): a run on another
     * instance, or an acknowledgement in between, makes it a no-op, so an alarm never goes up two steps at once.
     */
    public int realert(Instant now) {
        String timeout = ackTimeout.toSeconds() + " seconds";
        List<DueRealert> due = jdbc.sql("""
                select id, realerts from alarm where status = 'NEW' and created_at + (realerts + 1) * cast(? as interval) <= ?""")
                .params(timeout, Timestamp.from(now)).query((rs, i) -> new DueRealert(rs.getLong(1), rs.getInt(2))).list();
        int raised = 0;
        for (DueRealert d : due) {
            Boolean done = tx.execute(s -> {
                int n = jdbc.sql("""
                        update alarm set realerts = realerts + 1, updated_at = :now, version = version + 1, severity = %s
                        where id = :id and status = 'NEW' and realerts = :seen
                          and created_at + (realerts + 1) * cast(:timeout as interval) <= :now""".formatted(SEVERITY_ONE_UP))
                        .param("now", Timestamp.from(now)).param("id", d.id()).param("seen", d.realerts()).param("timeout", timeout).update();
                if (n == 0) {
                    return false;
                }
                event(d.id(), AuditLog.SYSTEM, "realert", AlarmStatus.NEW, "无人确认，升级告警", now);
                audit.record(AuditLog.SYSTEM, "alarm.realert", "alarm", String.valueOf(d.id()), "not acknowledged within " + ackTimeout, Map.of());
                return true;
            });
            if (Boolean.TRUE.equals(done)) {
                raised++;
                queries.find(d.id()).ifPresent(v -> events.publishEvent(new AlarmChanged(v, false)));
            }
        }
        return raised;
    }

    /** The alarm's timeline and dispatches. */
    public Map<String, Object> timeline(Caller caller, long id) {
        visible(caller, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alarmId", id);
        out.put("events", jdbc.sql("select at, actor, action, status, note from alarm_event where alarm_id = ? order by at, id").param(id)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("at", rs.getTimestamp(1).toInstant());
                    m.put("actor", rs.getString(2));
                    m.put("action", rs.getString(3));
                    m.put("status", rs.getString(4));
                    m.put("note", rs.getString(5));
                    return m;
                }).list());
        out.put("dispatches", jdbc.sql("""
                select d.member_id, m.name, d.status, d.distance_m, d.offered_at, d.answered_at, d.arrived_at
                from alarm_dispatch d join member m on m.id = d.member_id where d.alarm_id = ? order by d.offered_at""").param(id)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("memberId", rs.getLong(1));
                    m.put("name", rs.getString(2));
                    m.put("status", rs.getString(3));
                    m.put("distanceM", rs.getObject(4));
                    m.put("offeredAt", rs.getTimestamp(5).toInstant());
                    m.put("answeredAt", rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant());
                    m.put("arrivedAt", rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant());
                    return m;
                }).list());
        return out;
    }
}
