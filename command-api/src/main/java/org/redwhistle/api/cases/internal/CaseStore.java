package org.redwhistle.api.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.AssignmentStatus;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CasePage;
import org.redwhistle.api.cases.CasePhoto;
import org.redwhistle.api.cases.CaseQuery;
import org.redwhistle.api.cases.CloseReason;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Overdue;
import org.redwhistle.api.cases.PhotoStage;
import org.redwhistle.api.cases.Satisfaction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one owner of {@code case_file}, {@code case_event}, {@code case_evaluation} and
 * {@code case_ref_seq}: every statement on them is here. Reading a case joins {@code area} (the
 * grid's and community's names), {@code app_user} (the reporter's and assignee's usernames, the
 * assignee's name and phone, the timeline actors' names), owned by geo and users,
 * {@code case_category} (the category's name, {@link CaseCategoryStore}), and the photos' ids,
 * stages and uploaders from {@code case_photo} ({@link CasePhotoStore}), read-only, so a list is
 * one statement. (The alarms feature still links a case to its alarm
 * with its own update of {@code case_file.alarm_id}.)
 */
@Repository
public class CaseStore {

    private static final String SELECT = """
            select c.*, st_x(c.location) lon, st_y(c.location) lat, g.name grid_name, r.username reporter, a.username assignee,
                   a.display_name assignee_name, a.phone assignee_phone, k.name category_name, ca.name community_name, m.ref merged_into_ref,
                   (select coalesce(json_agg(json_build_object('id', p.id, 'stage', p.stage, 'by', u.username,
                                             'at', (extract(epoch from p.uploaded_at) * 1000000)::bigint) order by p.id), '[]'::json)
                    from case_photo p join app_user u on u.id = p.uploaded_by where p.case_id = c.id) uploads,
                   (select coalesce(json_agg(json_build_object('code', d.code, 'name', d.short_name, 'lead', s.lead, 'status', s.status,
                                             'assigned', (extract(epoch from s.assigned_at) * 1000000)::bigint,
                                             'due', (extract(epoch from s.due_at) * 1000000)::bigint,
                                             'reported', (extract(epoch from s.reported_at) * 1000000)::bigint, 'report', s.report,
                                             'sentBack', (extract(epoch from s.sent_back_at) * 1000000)::bigint, 'reason', s.sent_back_reason,
                                             'reroute', (extract(epoch from s.reroute_due) * 1000000)::bigint) order by s.lead desc, s.id), '[]'::json)
                    from case_assignment s join department d on d.id = s.department_id where s.case_id = c.id) parts,
                   sa.name street_name
            from case_file c left join area g on g.id = c.grid_id left join app_user r on r.id = c.reporter_id
                 left join app_user a on a.id = c.assignee_id left join case_category k on k.code = c.category
                 left join area ca on ca.id = c.community_id left join case_file m on m.id = c.merged_into
                 left join area sa on sa.id = ca.parent_id and sa.level = 'STREET'""";
    private static final String FIND = SELECT + " where c.id = ?";
    /** Who may see which rows in a list: everything, the reporter's own (and those their duplicates were merged into), or an area's. */
    public enum Reach {
        ALL, OWN, AREA,
        /** A department's accounts: the cases routed to their department (its id as the list's area argument). */
        DEPARTMENT
    }

    private static final String INSERT = """
            insert into case_file (ref, type, category, description, photos, location, grid_id, community_id, area_path, reporter_id,
                channel, status, level, submitted_at, accept_due, resolve_due, accept_due_provisional, resolve_due_provisional,
                accept_counted_from, resolve_counted_from)
            values (?, ?, ?, ?, cast(? as jsonb), st_setsrid(st_makepoint(?, ?), 4326), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            returning id""";
    private static final String STEP = "insert into case_event (case_id, at, actor, action, status, level, note) values (?, ?, ?, ?, ?, ?, ?)";
    private static final String TIMELINE = """
            select e.at, e.actor, e.action, e.status, e.level, e.note, u.display_name from case_event e left join app_user u on u.username = e.actor
            where e.case_id = ? order by e.at, e.id""";
    private static final String NOT_EVALUATED = """
            select id, handled_at from case_file where status = '%s' and handled_at <= ? order by handled_at""".formatted(CaseStatus.HANDLED.name());
    private static final String OPEN_DUE = """
            select id, status, level, type, accept_due, resolve_due, community_id, area_path from case_file
            where status in (%s) and (accept_due <= :warn or resolve_due <= :warn)""".formatted(CaseStatus.sqlList(CaseStatus.open()));

    private static final String PROVISIONAL = """
            select id, complex, accept_counted_from, accept_due, accept_due_provisional, resolve_counted_from, resolve_due, resolve_due_provisional
            from case_file where status in (%s) and (accept_due_provisional or resolve_due_provisional)""".formatted(CaseStatus.sqlList(CaseStatus.open()));

    /** How the timeline names the system's own steps. */
    static final String SYSTEM_NAME = "系统";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final JsonMapper json;

    public CaseStore(JdbcClient jdbc, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    /** A case's fields at creation; its deadlines are counted from {@code submittedAt}. */
    public record NewRow(String ref, String type, String category, String description, String photosJson, double lon, double lat, long gridId,
            Long communityId, List<Long> areaPath, long reporterId, String channel, CaseStatus status, CaseLevel level, Instant submittedAt,
            WorkingCalendar.Deadline acceptDue, WorkingCalendar.Deadline resolveDue) {
    }

    public long nextRefNumber() {
        return jdbc.sql("select nextval('case_ref_seq')").query(Long.class).single();
    }

    public long insert(NewRow r) {
        return jdbc.sql(INSERT)
                .params(r.ref(), r.type(), r.category(), r.description(), r.photosJson(), r.lon(), r.lat(), r.gridId(), r.communityId(),
                        r.areaPath().toArray(Long[]::new), r.reporterId(), r.channel(), r.status().name(), r.level().name(),
                        Timestamp.from(r.submittedAt()), Timestamp.from(r.acceptDue().at()), Timestamp.from(r.resolveDue().at()),
                        r.acceptDue().provisional(), r.resolveDue().provisional(), Timestamp.from(r.submittedAt()), Timestamp.from(r.submittedAt()))
                .query(Long.class).single();
    }

    /** A timeline entry: who did what and where the case stands after it. */
    public void step(long caseId, String actor, String action, CaseStatus status, CaseLevel level, String note, Instant at) {
        jdbc.sql(STEP).params(caseId, Timestamp.from(at), actor, action, status.name(), level.name(), note).update();
    }

    public Optional<CaseView> find(long id, boolean withTimeline) {
        return jdbc.sql(FIND).param(id).query((rs, i) -> view(rs, withTimeline ? timeline(id) : List.of())).optional();
    }

    /**
     * A page of the cases within {@code reach} that match {@code q}, newest first by (submitted_at, id):
     * everything, the user's own as reporter (also those their duplicates were merged into), or the
     * area's (and always those assigned to the user), or a department's ({@code areaId} then the department's id).
     * {@code now} decides {@link Overdue}.
     */
    public CasePage list(CaseQuery q, Reach reach, long userId, Long areaId, Instant now) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        params.put("uid", userId);
        switch (reach) {
            case ALL -> { }
            case OWN -> where.add("""
                    (c.reporter_id = :uid or exists (select 1 from case_file d where d.merged_into = c.id and d.reporter_id = :uid)
                     or c.assignee_id = :uid)""");
            case AREA -> {
                where.add("(cast(:area as bigint) = any(c.area_path) or c.assignee_id = :uid)");
                params.put("area", areaId);
            }
            case DEPARTMENT -> {
                where.add("exists (select 1 from case_assignment mine where mine.case_id = c.id and mine.department_id = :mine)");
                params.put("mine", areaId);
            }
        }
        if (q.department() != null) {
            where.add("exists (select 1 from case_assignment s join department d on d.id = s.department_id where s.case_id = c.id and d.code = :dept)");
            params.put("dept", q.department());
        }
        if (!q.statuses().isEmpty()) {
            where.add("c.status in (:statuses)");
            params.put("statuses", q.statuses().stream().map(Enum::name).toList());
        }
        if (!q.levels().isEmpty()) {
            where.add("c.level in (:levels)");
            params.put("levels", q.levels().stream().map(Enum::name).toList());
        }
        if (q.overdue() != null) {
            where.add(q.overdue() ? Overdue.sql("c") : "not " + Overdue.sql("c"));
            params.put("now", Timestamp.from(now));
        }
        if (q.areaId() != null) {
            where.add("cast(:areaFilter as bigint) = any(c.area_path)");
            params.put("areaFilter", q.areaId());
        }
        if (q.from() != null) {
            where.add("c.submitted_at >= :from");
            params.put("from", Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            where.add("c.submitted_at < :to");
            params.put("to", Timestamp.from(q.to()));
        }
        if (q.category() != null) {
            where.add("c.category = :category");
            params.put("category", q.category());
        }
        if (q.text() != null) {
            where.add("(c.ref ilike :text or c.description ilike :text)");
            params.put("text", "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.after() != null) {
            where.add("(c.submitted_at, c.id) < (cast(:afterAt as timestamptz), cast(:afterId as bigint))");
            params.put("afterAt", Timestamp.from(q.after().submittedAt()));
            params.put("afterId", q.after().id());
        }
        params.put("limit", q.limit() + 1);
        String sql = SELECT + (where.isEmpty() ? "" : "\n where " + String.join("\n   and ", where))
                + "\n order by c.submitted_at desc, c.id desc limit :limit";
        List<CaseView> rows = jdbc.sql(sql).params(params).query((rs, i) -> view(rs, List.of())).list();
        if (rows.size() <= q.limit()) {
            return new CasePage(rows, null);
        }
        List<CaseView> page = rows.subList(0, q.limit());
        CaseView last = page.get(page.size() - 1);
        return new CasePage(List.copyOf(page), new CaseQuery.Cursor(last.submittedAt(), last.id()).encode());
    }

    /** Holds the case's row until the transaction ends: one action at a time per case. */
    public void lock(long id) {
        jdbc.sql("select id from case_file where id = ? for update").param(id).query(Long.class).single();
    }

    /** Locks two cases (those that exist) in id order, so two merges across the same pair cannot deadlock. */
    public void lockBoth(long a, long b) {
        jdbc.sql("select id from case_file where id in (?, ?) order by id for update").params(a, b).query(Long.class).list();
    }

    /** The alarm a case was made from. */
    public void linkAlarm(long caseId, long alarmId) {
        jdbc.sql("update case_file set alarm_id = ? where id = ?").params(alarmId, caseId).update();
    }

    public void bumpVersion(long id) {
        jdbc.sql("update case_file set version = version + 1 where id = ?").param(id).update();
    }

    public void taken(long id, Instant at) {
        jdbc.sql("update case_file set status = ?, taken_at = coalesce(taken_at, ?) where id = ?")
                .params(CaseStatus.TAKEN.name(), Timestamp.from(at), id).update();
    }

    /**
     * Routed to departments (多部门联办): at the departments' level, in their hands; the case's resolve limit
     * becomes the latest of theirs, counted from now, when one is given.
     */
    public void routedToDepartments(long id, Instant latestDue) {
        jdbc.sql("""
                update case_file set level = ?, status = ?, assignee_id = null, resolve_due = greatest(resolve_due, ?), resolve_due_provisional = false
                where id = ?""").params(CaseLevel.DEPARTMENTS.name(), CaseStatus.ASSIGNED.name(), Timestamp.from(latestDue), id).update();
    }

    /** Every department sent the case back: the district center holds it again (taken), to route it anew. */
    public void backToCenter(long id) {
        jdbc.sql("update case_file set status = ? where id = ?").params(CaseStatus.TAKEN.name(), id).update();
    }

    public void assignedTo(long id, long assigneeId) {
        jdbc.sql("update case_file set status = ?, assignee_id = ? where id = ?").params(CaseStatus.ASSIGNED.name(), assigneeId, id).update();
    }

    public void handled(long id, Instant at) {
        jdbc.sql("update case_file set status = ?, handled_at = ? where id = ?").params(CaseStatus.HANDLED.name(), Timestamp.from(at), id).update();
    }

    /** Every evaluation is kept; the case takes the latest and is closed, or sent back ({@code next} ASSIGNED) for rework. */
    public void evaluated(long id, boolean resolved, Satisfaction satisfaction, CaseStatus next, Instant at) {
        jdbc.sql("insert into case_evaluation (case_id, at, resolved, satisfaction) values (?, ?, ?, ?)")
                .params(id, Timestamp.from(at), resolved, satisfaction.name()).update();
        jdbc.sql("update case_file set resolved = ?, satisfaction = ?, status = ?, closed_at = ?, close_reason = ? where id = ?")
                .params(resolved, satisfaction.name(), next.name(), next.isOpen() ? null : Timestamp.from(at),
                        next.isOpen() ? null : CloseReason.EVALUATED.name(), id).update();
    }

    /** Ended without the workflow (withdrawn, rejected with its reason, merged into {@code into}): terminal from {@code at}. */
    public void ended(long id, CaseStatus status, String rejectReason, Long into, Instant at) {
        jdbc.sql("update case_file set status = ?, reject_reason = ?, merged_into = ?, closed_at = ? where id = ?")
                .params(status.name(), rejectReason, into, Timestamp.from(at), id).update();
    }

    /** Where the resolve limit in force is counted from: the submission, or the escalation to the unit holding it now. */
    public Optional<Instant> resolveCountedFrom(long id) {
        return jdbc.sql("select resolve_counted_from from case_file where id = ?").param(id).query((rs, i) -> instant(rs, "resolve_counted_from"))
                .list().stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The duplicates merged into {@code from} now point at {@code into}, where {@code from} was merged; how many. */
    public int remerged(long from, long into) {
        return jdbc.sql("update case_file set merged_into = ? where merged_into = ? and status = ?").params(into, from, CaseStatus.MERGED.name())
                .update();
    }

    /** Closed by the system: nobody evaluated it within the window. */
    public void closedNotEvaluated(long id, Instant at) {
        jdbc.sql("update case_file set status = ?, closed_at = ?, close_reason = ? where id = ? and status = ?")
                .params(CaseStatus.CLOSED.name(), Timestamp.from(at), CloseReason.NOT_EVALUATED.name(), id, CaseStatus.HANDLED.name()).update();
    }

    public void reminded(long id, Instant at) {
        jdbc.sql("update case_file set last_reminder_at = ? where id = ?").params(Timestamp.from(at), id).update();
    }

    /** A HANDLED case waiting for its evaluation, and since when. */
    public record AwaitingEvaluation(long id, Instant handledAt) {
    }

    /** HANDLED cases reported at or before {@code by}, oldest first. */
    public List<AwaitingEvaluation> handledBy(Instant by) {
        return jdbc.sql(NOT_EVALUATED).param(Timestamp.from(by))
                .query((rs, i) -> new AwaitingEvaluation(rs.getLong(1), rs.getTimestamp(2).toInstant())).list();
    }

    /** Whether the user filed a case that was merged into this one (and so follows it). */
    public boolean followsMerged(long caseId, long userId) {
        return jdbc.sql("select exists (select 1 from case_file where merged_into = ? and reporter_id = ?)").params(caseId, userId)
                .query(Boolean.class).single();
    }

    /** The usernames of the case's reporter and of the reporters of the duplicates merged into it. */
    public List<String> followers(long caseId) {
        return jdbc.sql("""
                select distinct u.username from case_file c join app_user u on u.id = c.reporter_id
                where c.id = ? or c.merged_into = ? order by u.username""").params(caseId, caseId).query(String.class).list();
    }

    /** Dispatched to {@code level}, unassigned, with that unit's own deadlines, counted from {@code from}. */
    public void movedUp(long id, CaseLevel level, WorkingCalendar.Deadline acceptDue, WorkingCalendar.Deadline resolveDue, Instant from) {
        jdbc.sql("""
                update case_file set level = ?, status = ?, assignee_id = null, accept_due = ?, resolve_due = ?, accept_due_provisional = ?,
                    resolve_due_provisional = ?, accept_counted_from = ?, resolve_counted_from = ?, version = version + 1
                where id = ?""")
                .params(level.name(), CaseStatus.DISPATCHED.name(), Timestamp.from(acceptDue.at()), Timestamp.from(resolveDue.at()),
                        acceptDue.provisional(), resolveDue.provisional(), Timestamp.from(from), Timestamp.from(from), id)
                .update();
    }

    /** Complex (or not), with the resolve limit counted again from {@code from}. */
    public void complex(long id, boolean complex, WorkingCalendar.Deadline resolveDue, Instant from) {
        jdbc.sql("update case_file set complex = ?, resolve_due = ?, resolve_due_provisional = ?, resolve_counted_from = ? where id = ?")
                .params(complex, Timestamp.from(resolveDue.at()), resolveDue.provisional(), Timestamp.from(from), id).update();
    }

    /** An open case with a deadline counted on a provisional year: each limit, where it was counted from and whether it is provisional. */
    public record Provisional(long id, boolean complex, Instant acceptFrom, Instant acceptDue, boolean acceptProvisional, Instant resolveFrom,
            Instant resolveDue, boolean resolveProvisional) {
    }

    /** Every open case with a provisional deadline. */
    public List<Provisional> provisional() {
        return jdbc.sql(PROVISIONAL).query((rs, i) -> provisional(rs)).list();
    }

    /** One case as {@link #provisional()} reads it, whatever its status; locks it first (call inside a transaction). */
    public Optional<Provisional> lockProvisional(long id) {
        lock(id);
        return jdbc.sql(PROVISIONAL.replace(" where status in", " where id = :id and status in")).param("id", id)
                .query((rs, i) -> provisional(rs)).optional();
    }

    private static Provisional provisional(ResultSet rs) throws SQLException {
        return new Provisional(rs.getLong(1), rs.getBoolean(2), instant(rs, "accept_counted_from"), instant(rs, "accept_due"),
                rs.getBoolean("accept_due_provisional"), instant(rs, "resolve_counted_from"), instant(rs, "resolve_due"),
                rs.getBoolean("resolve_due_provisional"));
    }

    /** The deadlines counted again (the counted-from instants stay). */
    public void recounted(long id, WorkingCalendar.Deadline acceptDue, WorkingCalendar.Deadline resolveDue) {
        jdbc.sql("""
                update case_file set accept_due = ?, accept_due_provisional = ?, resolve_due = ?, resolve_due_provisional = ?, version = version + 1
                where id = ?""")
                .params(Timestamp.from(acceptDue.at()), acceptDue.provisional(), Timestamp.from(resolveDue.at()), resolveDue.provisional(), id).update();
    }

    /** An open case as supervision watches it. */
    public record Watched(long id, CaseStatus status, CaseLevel level, String type, Instant acceptDue, Instant resolveDue, Long communityId,
            List<Long> path) {
    }

    /** Open cases with a deadline at or before {@code warn}. */
    public List<Watched> openDueBy(Instant warn) {
        return jdbc.sql(OPEN_DUE).param("warn", Timestamp.from(warn))
                .query((rs, i) -> new Watched(rs.getLong(1), CaseStatus.valueOf(rs.getString(2)), CaseLevel.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), (Long) rs.getObject(7),
                        List.of((Long[]) rs.getArray(8).getArray())))
                .list();
    }

    public boolean isComplex(long id) {
        return jdbc.sql("select complex from case_file where id = ?").param(id).query(Boolean.class).single();
    }

    private List<CaseView.Step> timeline(long id) {
        return jdbc.sql(TIMELINE).param(id)
                .query((rs, i) -> new CaseView.Step(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        CaseStatus.valueOf(rs.getString(4)), CaseLevel.valueOf(rs.getString(5)), rs.getString(6),
                        AuditLog.SYSTEM.equals(rs.getString(2)) ? SYSTEM_NAME : rs.getString(7)))
                .list();
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private CaseView view(ResultSet rs, List<CaseView.Step> timeline) throws SQLException {
        Instant now = clock.instant();
        CaseStatus status = CaseStatus.valueOf(rs.getString("status"));
        Instant acceptDue = instant(rs, "accept_due");
        Instant resolveDue = instant(rs, "resolve_due");
        Instant handledAt = instant(rs, "handled_at");
        boolean overdue = Overdue.at(now, status, acceptDue, resolveDue, handledAt, instant(rs, "closed_at"));
        boolean provisional = status.awaitsResolution()
                && (rs.getBoolean("resolve_due_provisional") || (status.awaitsTaking() && rs.getBoolean("accept_due_provisional")));
        String satisfaction = rs.getString("satisfaction");
        CaseLevel level = CaseLevel.valueOf(rs.getString("level"));
        String community = rs.getString("community_name");
        String street = rs.getString("street_name");
        List<CaseView.Assignment> parts = assignments(rs, now);
        String holder = switch (level.tier()) {
            case DISTRICT -> level == CaseLevel.DEPARTMENTS && !parts.isEmpty() ? parts.stream()
                    .filter(p -> p.status() == AssignmentStatus.ASSIGNED).map(CaseView.Assignment::departmentName)
                    .reduce((a, b) -> a + "、" + b).orElse(level.label()) : level.label();
            case STREET -> street == null ? level.label() : street;
            case COMMUNITY -> community == null ? level.label() : community;
        };
        List<String> departments = parts.isEmpty() ? List.of((String[]) rs.getArray("departments").getArray())
                : parts.stream().filter(p -> p.status() != AssignmentStatus.SENT_BACK).map(CaseView.Assignment::departmentName).toList();
        return new CaseView(rs.getLong("id"), rs.getString("ref"), rs.getString("type"), rs.getString("category"), rs.getString("description"),
                rs.getDouble("lon"), rs.getDouble("lat"), (Long) rs.getObject("grid_id"), rs.getString("grid_name"),
                (Long) rs.getObject("community_id"), List.of((Long[]) rs.getArray("area_path").getArray()), rs.getString("reporter"),
                rs.getString("channel"), status, level, rs.getString("assignee"),
                departments, parts, rs.getBoolean("complex"), instant(rs, "submitted_at"), acceptDue,
                resolveDue, instant(rs, "taken_at"), instant(rs, "handled_at"), instant(rs, "closed_at"), (Boolean) rs.getObject("resolved"),
                satisfaction == null ? null : Satisfaction.valueOf(satisfaction), overdue, provisional, photos(rs),
                rs.getString("category_name"), status.label(), level.label(), holder, rs.getString("assignee_name"), rs.getString("assignee_phone"),
                rs.getString("reject_reason"), (Long) rs.getObject("merged_into"), rs.getString("merged_into_ref"), rs.getString("close_reason"),
                instant(rs, "last_reminder_at"), timeline);
    }

    /** The departments' parts, lead first; a part is overdue when its limit passed before it reported, or passed while it holds the case. */
    private List<CaseView.Assignment> assignments(ResultSet rs, Instant now) throws SQLException {
        List<CaseView.Assignment> out = new ArrayList<>();
        for (JsonNode p : json.readTree(rs.getString("parts"))) {
            AssignmentStatus st = AssignmentStatus.valueOf(p.path("status").asText());
            Instant due = micros(p, "due");
            Instant reported = micros(p, "reported");
            boolean overdue = st == AssignmentStatus.ASSIGNED ? now.isAfter(due) : reported != null && reported.isAfter(due);
            out.add(new CaseView.Assignment(p.path("code").asText(), p.path("name").asText(), p.path("lead").asBoolean(), st, st.label(),
                    micros(p, "assigned"), due, overdue, reported, p.path("report").isNull() ? null : p.path("report").asText(), micros(p, "sentBack"),
                    p.path("reason").isNull() ? null : p.path("reason").asText(), micros(p, "reroute")));
        }
        return out;
    }

    private static Instant micros(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : Instant.EPOCH.plus(v.asLong(), ChronoUnit.MICROS);
    }

    /** The links kept as they were sent (Open311's media_url), then the uploads attached, oldest first. */
    private List<CasePhoto> photos(ResultSet rs) throws SQLException {
        List<CasePhoto> out = new ArrayList<>();
        Instant submitted = instant(rs, "submitted_at");
        String reporter = rs.getString("reporter");
        for (JsonNode link : json.readTree(rs.getString("photos"))) {
            out.add(CasePhoto.external(link.asText(), reporter, submitted));
        }
        for (JsonNode p : json.readTree(rs.getString("uploads"))) {
            PhotoStage stage = PhotoStage.valueOf(p.path("stage").asText());
            long micros = p.path("at").asLong();
            out.add(new CasePhoto(p.path("id").asLong(), CasePhoto.urlOf(p.path("id").asLong()), stage.name(), stage.label(), p.path("by").asText(),
                    Instant.EPOCH.plus(micros, ChronoUnit.MICROS)));
        }
        return out;
    }
}
