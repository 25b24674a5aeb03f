package org.redwhistle.api.cases.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CaseStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code supervision}. The lists join {@code case_file} (the case's reference)
 * and {@code area} (the unit's name), read-only.
 */
@Repository
public class SupervisionStore {

    /**
     * Issued once (unique per case, kind and deadline) and only while the case is as the sweep saw it
     * (its row locked until the transaction ends): another instance's order may have escalated it, or
     * its unit acted on it, since.
     */
    private static final String ISSUE = """
            with still as (
                select id from case_file where id = :id and status = :status and level = :level
                  and (case when cast(:deadline as text) = 'ACCEPT' then accept_due else resolve_due end) = :due
                for update)
            insert into supervision (case_id, kind, deadline, due_at, unit_level, unit_area, area_path, created_at)
            select id, :kind, :deadline, cast(:due as timestamptz), :level, :unitArea, :path, cast(:now as timestamptz) from still
            on conflict do nothing""";
    /** A department's own limit: issued only while the department still holds its part with that due time. */
    private static final String ISSUE_PART = """
            with still as (
                select c.id from case_file c join case_assignment s on s.case_id = c.id
                where c.id = :id and c.status = 'ASSIGNED' and c.level in ('DEPARTMENTS', 'LEADERS') and s.department_id = :department
                  and s.status = 'ASSIGNED' and s.due_at = :due
                for update of c)
            insert into supervision (case_id, kind, deadline, due_at, unit_level, unit_area, area_path, department_id, created_at)
            select id, :kind, 'DEPARTMENT', cast(:due as timestamptz), 'DEPARTMENTS', :unitArea, :path, :department, cast(:now as timestamptz) from still
            on conflict do nothing""";
    /** The district center's re-routing after a send-back: issued only while no department was assigned since. */
    private static final String ISSUE_REROUTE = """
            with still as (
                select c.id from case_file c
                where c.id = :id and c.level in ('DEPARTMENTS', 'LEADERS') and c.status in ('TAKEN', 'ASSIGNED')
                  and exists (select 1 from case_assignment s where s.case_id = c.id and s.status = 'SENT_BACK' and s.reroute_due = :due
                              and not exists (select 1 from case_assignment n where n.case_id = c.id and n.assigned_at >= s.sent_back_at))
                for update)
            insert into supervision (case_id, kind, deadline, due_at, unit_level, unit_area, area_path, created_at)
            select id, :kind, 'REROUTE', cast(:due as timestamptz), 'DISTRICT_CENTER', :unitArea, :path, cast(:now as timestamptz) from still
            on conflict do nothing""";
    private static final String ESCALATED = "update supervision set escalated_to = ? where case_id = ? and kind = ? and deadline = ? and due_at = ?";
    /** The unit's name: the department's, else the district-side level's (区社会治理服务中心, 区领导), else the area's. */
    private static final String UNIT_NAME = "coalesce(d.short_name, case s.unit_level when 'DISTRICT_CENTER' then '区社会治理服务中心'"
            + " when 'DEPARTMENTS' then '区职能部门' when 'LEADERS' then '区领导' else a.name end)";
    /** For a department's accounts: the supervision of the cases routed to their department. */
    private static final String AND_DEPARTMENT = """
            and (cast(:dept as bigint) is null or s.department_id = cast(:dept as bigint)
                 or exists (select 1 from case_assignment x where x.case_id = s.case_id and x.department_id = cast(:dept as bigint)))""";
    private static final String PER_UNIT = """
            select s.unit_level, s.unit_area, UNIT_NAME, count(*) filter (where s.kind = '%s') orders,
                   count(*) filter (where s.kind = '%s') warnings
            from supervision s join area a on a.id = s.unit_area left join department d on d.id = s.department_id
            where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(s.area_path)) and s.created_at >= :since AND_DEPARTMENT
            group by s.unit_level, s.unit_area, s.department_id, UNIT_NAME order by orders desc, warnings desc"""
            .formatted(Kind.ORDER.name(), Kind.WARNING.name()).replace("UNIT_NAME", UNIT_NAME).replace("AND_DEPARTMENT", AND_DEPARTMENT);
    private static final String LIST = """
            select s.id, s.case_id, c.ref, s.kind, s.deadline, s.due_at, s.unit_level, s.unit_area,
                   UNIT_NAME, s.escalated_to, s.created_at
            from supervision s join case_file c on c.id = s.case_id join area a on a.id = s.unit_area left join department d on d.id = s.department_id
            where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(s.area_path)) and s.created_at >= :since AND_DEPARTMENT
            order by s.created_at desc limit :limit""".replace("UNIT_NAME", UNIT_NAME).replace("AND_DEPARTMENT", AND_DEPARTMENT);

    private final JdbcClient jdbc;

    public SupervisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A warning comes before a deadline, an order after it. */
    public enum Kind {
        WARNING, ORDER
    }

    /** Which of a case's two time limits. */
    public enum Deadline {
        ACCEPT("受理"), RESOLVE("办结"), DEPARTMENT("部门办理"), REROUTE("重新派发");

        private final String label;

        Deadline(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One warning or order, as leaders and the unit see it. */
    public record Supervision(long id, long caseId, String ref, Kind kind, Deadline deadline, Instant dueAt, CaseLevel unitLevel, long unitArea,
            String unitName, CaseLevel escalatedTo, Instant createdAt) {
    }

    /** Per unit: its level, area, and how many warnings and orders it received. */
    public record UnitCount(CaseLevel unitLevel, long unitArea, String unitName, long orders, long warnings) {
    }

    /** Records the warning or order unless already issued (per case, kind, deadline and due time); whether it was new. */
    public boolean issue(long caseId, CaseStatus seen, Kind kind, Deadline deadline, Instant due, CaseLevel unitLevel, long unitArea, List<Long> path,
            Instant now) {
        return jdbc.sql(ISSUE).param("id", caseId).param("status", seen.name()).param("level", unitLevel.name()).param("deadline", deadline.name())
                .param("due", Timestamp.from(due)).param("kind", kind.name()).param("unitArea", unitArea).param("path", path.toArray(Long[]::new))
                .param("now", Timestamp.from(now)).update() > 0;
    }

    /** Records a warning or order about a department's own limit ({@code department}), unless already issued; whether it was new. */
    public boolean issuePart(long caseId, long department, Kind kind, Instant due, long unitArea, List<Long> path, Instant now) {
        return jdbc.sql(ISSUE_PART).param("id", caseId).param("department", department).param("due", Timestamp.from(due)).param("kind", kind.name())
                .param("unitArea", unitArea).param("path", path.toArray(Long[]::new)).param("now", Timestamp.from(now)).update() > 0;
    }

    /** Records a warning or order about the district center's re-routing after a send-back, unless already issued. */
    public boolean issueReroute(long caseId, Kind kind, Instant due, long unitArea, List<Long> path, Instant now) {
        return jdbc.sql(ISSUE_REROUTE).param("id", caseId).param("due", Timestamp.from(due)).param("kind", kind.name())
                .param("unitArea", unitArea).param("path", path.toArray(Long[]::new)).param("now", Timestamp.from(now)).update() > 0;
    }

    public void escalatedTo(long caseId, Deadline deadline, Instant due, CaseLevel next) {
        jdbc.sql(ESCALATED).params(next.name(), caseId, Kind.ORDER.name(), deadline.name(), Timestamp.from(due)).update();
    }

    public List<UnitCount> perUnit(Long scopeArea, Long department, Instant since) {
        return jdbc.sql(PER_UNIT).param("scope", scopeArea).param("dept", department).param("since", Timestamp.from(since))
                .query((rs, i) -> new UnitCount(CaseLevel.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getLong(5)))
                .list();
    }

    public List<Supervision> list(Long scopeArea, Long department, Instant since, int limit) {
        return jdbc.sql(LIST).param("scope", scopeArea).param("dept", department).param("since", Timestamp.from(since)).param("limit", limit)
                .query((rs, i) -> {
                    String escalated = rs.getString(10);
                    return new Supervision(rs.getLong(1), rs.getLong(2), rs.getString(3), Kind.valueOf(rs.getString(4)),
                            Deadline.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant(), CaseLevel.valueOf(rs.getString(7)), rs.getLong(8),
                            rs.getString(9), escalated == null ? null : CaseLevel.valueOf(escalated), rs.getTimestamp(11).toInstant());
                }).list();
    }
}
