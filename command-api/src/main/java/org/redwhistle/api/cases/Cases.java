package org.redwhistle.api.cases;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * The 小红哨 workflow (DOMAIN.md): a resident blows the whistle → the platform accepts it and
 * dispatches it (派单) to the community whose grid holds the place → the community takes it (接单)
 * and assigns a grid worker → the worker reports → the resident evaluates; unresolved or
 * dissatisfied sends it back for rework. What a community cannot solve it escalates along the case
 * type's chain (community → district center → departments, which must report → leaders; or the
 * village mediation chain). Deadlines are working days on the official calendar: take within 1,
 * resolve within 3, complex within 5. Every step is a timeline entry and an audit record, in the
 * same transaction.
 */
@Service
public class Cases {

    static final int ACCEPT_DAYS = 1;
    static final int RESOLVE_DAYS = 3;
    static final int COMPLEX_DAYS = 5;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final GridLocator grids;
    private final Calendars calendars;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    public Cases(JdbcClient jdbc, TransactionTemplate tx, GridLocator grids, Calendars calendars, AuditLog audit,
            ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.grids = grids;
        this.calendars = calendars;
        this.audit = audit;
        this.events = events;
        this.json = json;
    }

    /** A new request, already converted to WGS-84. */
    public record NewCase(String type, String category, String description, List<String> photos, double lon, double lat, String channel) {
    }

    public CaseView submit(CurrentUser user, NewCase c, Instant now) {
        GridChain chain = grids.locate(c.lon(), c.lat())
                .orElseThrow(() -> ApiException.badField("lon", "the place is not inside any grid of the platform"));
        // the policy's cases.file: in their area (operators, grid workers, patrol members), anywhere for a resident's own
        // request; an Open311 client files inside its key's area
        Scope filing = AccessPolicy.scope(user.role(), Permission.CASES_FILE).orElse(Scope.AREA);
        boolean areaBound = filing == Scope.AREA || "OPEN311".equals(c.channel());
        if (!user.isAdmin() && areaBound && !user.covers(chain.ids())) {
            throw ApiException.badField("lon", "the place is outside your area");
        }
        List<String> chainOf = chainOf(c.type());
        Long community = chain.areas().stream().filter(a -> a.level() == AreaLevel.COMMUNITY).map(AreaRef::id).findFirst().orElse(null);
        Instant acceptDue = deadline(now, ACCEPT_DAYS);
        Instant resolveDue = deadline(now, RESOLVE_DAYS);
        List<Long> ids = new ArrayList<>(chain.ids());
        java.util.Collections.reverse(ids); // root first, like area.path
        Long[] path = ids.toArray(Long[]::new);
        long id = tx.execute(s -> {
            String ref = "XHS-" + now.atZone(ZoneId.of("Asia/Shanghai")).toLocalDate().toString().replace("-", "") + "-"
                    + String.format("%06d", jdbc.sql("select nextval('case_ref_seq')").query(Long.class).single());
            long created = jdbc.sql("""
                    insert into case_file (ref, type, category, description, photos, location, grid_id, community_id, area_path, reporter_id,
                        channel, status, level, submitted_at, accept_due, resolve_due)
                    values (?, ?, ?, ?, cast(? as jsonb), st_setsrid(st_makepoint(?, ?), 4326), ?, ?, ?, ?, ?, 'DISPATCHED', ?, ?, ?, ?)
                    returning id""")
                    .params(ref, c.type(), c.category(), c.description(), json.writeValueAsString(c.photos()), c.lon(), c.lat(),
                            chain.grid().id(), community, path, user.id(), c.channel(), chainOf.get(0), Timestamp.from(now),
                            Timestamp.from(acceptDue), Timestamp.from(resolveDue))
                    .query(Long.class).single();
            step(created, user.username(), "submit", "DISPATCHED", chainOf.get(0), "受理并派单至 " + chain.grid().name() + " 所在社区", now);
            audit.record(user.username(), "case.submitted", "case", String.valueOf(created), null, Map.of("ref", ref, "type", c.type()));
            return created;
        });
        return publish(id);
    }

    private List<String> chainOf(String type) {
        return jdbc.sql("select chain from case_type where code = ?").param(type)
                .query((rs, i) -> Arrays.asList((String[]) rs.getArray(1).getArray())).optional()
                .orElseThrow(() -> ApiException.badField("type", "is not a case type (GENERAL, MEDIATION, …)"));
    }

    private Instant deadline(Instant from, int days) {
        try {
            return calendars.calendar().deadline(from, days);
        } catch (org.redwhistle.api.calendar.WorkingCalendar.CalendarNotLoadedException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Calendar not loaded", e.getMessage(), List.of());
        }
    }

    private void step(long caseId, String actor, String action, String status, String level, String note, Instant at) {
        jdbc.sql("insert into case_event (case_id, at, actor, action, status, level, note) values (?, ?, ?, ?, ?, ?, ?)")
                .params(caseId, Timestamp.from(at), actor, action, status, level, note).update();
    }

    private CaseView publish(long id) {
        CaseView v = find(id, true).orElseThrow();
        events.publishEvent(v.changed());
        return v;
    }

    // ---- reading ----

    private static final String SELECT = """
            select c.*, st_x(c.location) lon, st_y(c.location) lat, g.name grid_name, r.username reporter, a.username assignee
            from case_file c left join area g on g.id = c.grid_id left join app_user r on r.id = c.reporter_id
                 left join app_user a on a.id = c.assignee_id""";

    public Optional<CaseView> find(long id, boolean withTimeline) {
        return jdbc.sql(SELECT + " where c.id = ?").param(id).query((rs, i) -> view(rs, withTimeline ? timeline(id) : List.of())).optional();
    }

    /**
     * Cases the user may see, by the policy's cases.read: their own (residents, Open311 clients),
     * their area's and those assigned to them, or all; nothing without it.
     */
    public List<CaseView> list(CurrentUser user, String status, int limit) {
        Scope reach = AccessPolicy.scope(user.role(), Permission.CASES_READ).orElse(null);
        if (reach == null || reach == Scope.SHARED) {
            return List.of();
        }
        return jdbc.sql(SELECT + "\n" + """
                 where (cast(:status as text) is null or c.status = cast(:status as text))
                   and (:admin or (:resident and c.reporter_id = :uid) or (not :resident and cast(:area as bigint) = any(c.area_path))
                        or c.assignee_id = :uid)
                 order by c.submitted_at desc limit :limit""")
                .param("status", status).param("admin", reach == Scope.ALL).param("resident", reach == Scope.OWN)
                .param("uid", user.id()).param("area", user.areaId()).param("limit", limit)
                .query((rs, i) -> view(rs, List.of())).list();
    }

    /** Whether the case is within the user's cases.read: their own, their area's or assigned to them, or all. */
    public boolean canSee(CurrentUser user, CaseView c) {
        return AccessPolicy.scope(user.role(), Permission.CASES_READ).map(reach -> switch (reach) {
            case ALL -> true;
            case OWN -> user.username().equals(c.reporter());
            case AREA -> user.covers(c.areaPath()) || user.id() == idOf(c.assignee());
            case SHARED -> false;
        }).orElse(false);
    }

    private long idOf(String username) {
        return username == null ? -1 : jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).optional().orElse(-1L);
    }

    private List<CaseView.Step> timeline(long id) {
        return jdbc.sql("select at, actor, action, status, level, note from case_event where case_id = ? order by at, id").param(id)
                .query((rs, i) -> new CaseView.Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static CaseView view(ResultSet rs, List<CaseView.Step> timeline) throws SQLException {
        Instant now = Instant.now();
        String status = rs.getString("status");
        Instant acceptDue = instant(rs, "accept_due");
        Instant resolveDue = instant(rs, "resolve_due");
        boolean overdue = !"CLOSED".equals(status)
                && (now.isAfter(resolveDue) || ("DISPATCHED".equals(status) && now.isAfter(acceptDue)));
        Object resolved = rs.getObject("resolved");
        return new CaseView(rs.getLong("id"), rs.getString("ref"), rs.getString("type"), rs.getString("category"), rs.getString("description"),
                rs.getDouble("lon"), rs.getDouble("lat"), (Long) rs.getObject("grid_id"), rs.getString("grid_name"),
                (Long) rs.getObject("community_id"), List.of((Long[]) rs.getArray("area_path").getArray()), rs.getString("reporter"),
                rs.getString("channel"), status, rs.getString("level"), rs.getString("assignee"),
                List.of((String[]) rs.getArray("departments").getArray()), rs.getBoolean("complex"), instant(rs, "submitted_at"), acceptDue,
                resolveDue, instant(rs, "taken_at"), instant(rs, "handled_at"), instant(rs, "closed_at"), (Boolean) resolved,
                rs.getString("satisfaction"), overdue, timeline);
    }

    // ---- actions ----

    /** An action's input; which fields matter depends on the action. */
    public record Action(String assignee, List<String> departments, String note, Boolean resolved, String satisfaction, Boolean complex) {
    }

    public CaseView act(CurrentUser user, long id, String action, Action in, Instant now) {
        find(id, false).filter(x -> canSee(user, x)).orElseThrow(() -> ApiException.notFound("case " + id));
        tx.executeWithoutResult(s -> {
            // one action at a time per case: lock it, then decide on what is there now
            jdbc.sql("select id from case_file where id = ? for update").param(id).query(Long.class).single();
            CaseView c = find(id, false).orElseThrow();
            switch (action) {
                case "take" -> take(user, c, now);
                case "assign" -> assign(user, c, in, now);
                case "report" -> report(user, c, in, now);
                case "evaluate" -> evaluate(user, c, in, now);
                case "escalate" -> escalate(user, c, in, now);
                case "complex" -> complex(user, c, in, now);
                default -> throw ApiException.badField("action", "must be one of take, assign, report, evaluate, escalate, complex");
            }
            jdbc.sql("update case_file set version = version + 1 where id = ?").param(id).update();
            audit.record(user.username(), "case." + action, "case", String.valueOf(id), in.note(),
                    Map.of("from", c.status(), "level", c.level()));
        });
        return publish(id);
    }

    private void requireStatus(CaseView c, String... allowed) {
        if (!Arrays.asList(allowed).contains(c.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "the case is " + c.status() + "; this action needs " + String.join(" or ",
                    allowed), List.of(new ApiException.FieldError("status", c.status())));
        }
    }

    /** The unit holding the case: the community's operators at community levels, the district's above. */
    private void requireHolder(CurrentUser user, CaseView c) {
        if (user.isAdmin()) {
            return;
        }
        if (!user.hasAnyRole(Role.OPERATOR, Role.LEADER)) {
            throw ApiException.forbidden("only the unit holding the case acts on it");
        }
        boolean districtLevel = List.of("DISTRICT_CENTER", "DEPARTMENTS", "LEADERS").contains(c.level());
        long holderArea = districtLevel ? c.areaPath().get(0) : (c.communityId() == null ? c.areaPath().get(0) : c.communityId());
        // the holder's own operators, or anyone above them
        int holderDepth = c.areaPath().indexOf(holderArea);
        int userDepth = user.areaId() == null ? -1 : c.areaPath().indexOf(user.areaId());
        if (userDepth < 0 || userDepth > holderDepth) {
            throw ApiException.forbidden("the case is held by " + (districtLevel ? "the district" : "the community") + ", not by your unit");
        }
    }

    private void take(CurrentUser user, CaseView c, Instant now) {
        requireStatus(c, "DISPATCHED");
        requireHolder(user, c);
        jdbc.sql("update case_file set status = 'TAKEN', taken_at = coalesce(taken_at, ?) where id = ?").params(Timestamp.from(now), c.id()).update();
        step(c.id(), user.username(), "take", "TAKEN", c.level(), now.isAfter(c.acceptDue()) ? "接单（已超过受理时限）" : "接单", now);
    }

    private void assign(CurrentUser user, CaseView c, Action in, Instant now) {
        requireStatus(c, "TAKEN", "ASSIGNED");
        requireHolder(user, c);
        if ("DEPARTMENTS".equals(c.level())) {
            if (in.departments() == null || in.departments().isEmpty()) {
                throw ApiException.badField("departments", "name the departments that must report (部门报到)");
            }
            jdbc.sql("update case_file set status = 'ASSIGNED', departments = ? where id = ?")
                    .params(in.departments().toArray(String[]::new), c.id()).update();
            step(c.id(), user.username(), "assign", "ASSIGNED", c.level(), "部门报到：" + String.join("、", in.departments()), now);
            return;
        }
        if (in.assignee() == null) {
            throw ApiException.badField("assignee", "is required: the username of the grid worker (or handler)");
        }
        var assignee = jdbc.sql("select id, role, area_id from app_user where username = ? and enabled").param(in.assignee())
                .query((rs, i) -> new long[] {rs.getLong(1), rs.getObject(3) == null ? -1 : rs.getLong(3)}).optional()
                .orElseThrow(() -> ApiException.badField("assignee", "no such user"));
        List<Long> assigneeChain = grids.chainOf(assignee[1]).stream().map(AreaRef::id).toList();
        if (c.communityId() != null && !assigneeChain.contains(c.communityId())) {
            throw ApiException.badField("assignee", in.assignee() + " does not work in the case's community");
        }
        jdbc.sql("update case_file set status = 'ASSIGNED', assignee_id = ? where id = ?").params(assignee[0], c.id()).update();
        step(c.id(), user.username(), "assign", "ASSIGNED", c.level(), "指派 " + in.assignee(), now);
    }

    private void report(CurrentUser user, CaseView c, Action in, Instant now) {
        requireStatus(c, "ASSIGNED");
        boolean isAssignee = user.username().equals(c.assignee());
        boolean isDepartment = user.role() == Role.DEPARTMENT && "DEPARTMENTS".equals(c.level()) && user.covers(c.areaPath());
        if (!isAssignee && !isDepartment) {
            requireHolder(user, c);
        }
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "describe what was done");
        }
        jdbc.sql("update case_file set status = 'HANDLED', handled_at = ? where id = ?").params(Timestamp.from(now), c.id()).update();
        step(c.id(), user.username(), "report", "HANDLED", c.level(), in.note(), now);
    }

    private void evaluate(CurrentUser user, CaseView c, Action in, Instant now) {
        requireStatus(c, "HANDLED");
        if (!user.username().equals(c.reporter())) {
            throw ApiException.forbidden("only the resident who blew the whistle evaluates it (群众评事)");
        }
        if (in.resolved() == null) {
            throw ApiException.badField("resolved", "is required: true or false");
        }
        if (in.satisfaction() == null || !List.of("SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED").contains(in.satisfaction())) {
            throw ApiException.badField("satisfaction", "must be SATISFIED, BASICALLY_SATISFIED or DISSATISFIED");
        }
        boolean rework = !in.resolved() || "DISSATISFIED".equals(in.satisfaction());
        jdbc.sql("insert into case_evaluation (case_id, at, resolved, satisfaction) values (?, ?, ?, ?)")
                .params(c.id(), Timestamp.from(now), in.resolved(), in.satisfaction()).update();
        jdbc.sql("update case_file set resolved = ?, satisfaction = ?, status = ?, closed_at = ? where id = ?")
                .params(in.resolved(), in.satisfaction(), rework ? "ASSIGNED" : "CLOSED", rework ? null : Timestamp.from(now), c.id()).update();
        step(c.id(), user.username(), rework ? "rework" : "evaluate", rework ? "ASSIGNED" : "CLOSED", c.level(),
                (in.resolved() ? "已解决" : "未解决") + "，" + in.satisfaction() + (in.note() == null ? "" : "：" + in.note()), now);
    }

    private void escalate(CurrentUser user, CaseView c, Action in, Instant now) {
        requireStatus(c, "DISPATCHED", "TAKEN", "ASSIGNED");
        requireHolder(user, c);
        if (in.note() == null || in.note().isBlank()) {
            throw ApiException.badField("note", "give the reason for escalating");
        }
        List<String> chain = chainOf(c.type());
        int at = chain.indexOf(c.level());
        if (at < 0 || at + 1 >= chain.size()) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "the case is at the top of its chain (" + c.level() + ")", List.of());
        }
        String next = chain.get(at + 1);
        moveUp(c.id(), next, c.complex(), now);
        step(c.id(), user.username(), "escalate", "DISPATCHED", next, in.note(), now);
    }

    /**
     * Hands the case to the next unit of its chain, which gets its own time limits from now: take
     * within 1 working day, resolve within 3 (5 if complex).
     */
    void moveUp(long caseId, String next, boolean complex, Instant now) {
        jdbc.sql("""
                update case_file set level = ?, status = 'DISPATCHED', assignee_id = null, accept_due = ?, resolve_due = ?, version = version + 1
                where id = ?""")
                .params(next, Timestamp.from(deadline(now, ACCEPT_DAYS)), Timestamp.from(deadline(now, complex ? COMPLEX_DAYS : RESOLVE_DAYS)), caseId)
                .update();
    }

    private void complex(CurrentUser user, CaseView c, Action in, Instant now) {
        requireStatus(c, "DISPATCHED", "TAKEN", "ASSIGNED");
        requireHolder(user, c);
        boolean complex = in.complex() == null || in.complex();
        Instant due = deadline(c.submittedAt(), complex ? COMPLEX_DAYS : RESOLVE_DAYS);
        jdbc.sql("update case_file set complex = ?, resolve_due = ? where id = ?").params(complex, Timestamp.from(due), c.id()).update();
        step(c.id(), user.username(), "complex", c.status(), c.level(), (complex ? "认定为复杂疑难，办结时限 " : "取消复杂认定，办结时限 ") + due
                + (in.note() == null ? "" : "：" + in.note()), now);
    }
}
