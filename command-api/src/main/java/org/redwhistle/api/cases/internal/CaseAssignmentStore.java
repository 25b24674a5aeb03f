package org.redwhistle.api.cases.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.AssignmentStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code case_assignment}: the departments a case is routed to (one lead, co-handlers),
 * each with its own deadline, report and send-back. Reads {@code department} (owned by units) for names.
 */
@Repository
public class CaseAssignmentStore {

    private static final String SELECT = """
            select s.id, s.case_id, s.department_id, d.code, d.short_name, s.lead, s.status, s.assigned_at, s.due_at, s.due_provisional,
                   s.reported_at, s.report, s.sent_back_at, s.sent_back_reason, s.reroute_due
            from case_assignment s join department d on d.id = s.department_id""";

    private final JdbcClient jdbc;

    public CaseAssignmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One department's part. */
    public record Row(long id, long caseId, long departmentId, String code, String name, boolean lead, AssignmentStatus status, Instant assignedAt,
            Instant dueAt, boolean dueProvisional, Instant reportedAt, String report, Instant sentBackAt, String sentBackReason, Instant rerouteDue) {
    }

    /** Every part of the case, oldest first. */
    public List<Row> of(long caseId) {
        return jdbc.sql(SELECT + " where s.case_id = ? order by s.id").param(caseId).query(CaseAssignmentStore::row).list();
    }

    /** The department's part in its hands now. */
    public Optional<Row> inHand(long caseId, long departmentId) {
        return jdbc.sql(SELECT + " where s.case_id = ? and s.department_id = ? and s.status = 'ASSIGNED'").params(caseId, departmentId)
                .query(CaseAssignmentStore::row).optional();
    }

    public void insert(long caseId, long departmentId, boolean lead, String by, Instant at, WorkingCalendar.Deadline due) {
        jdbc.sql("""
                insert into case_assignment (case_id, department_id, lead, status, assigned_at, assigned_by, due_at, due_provisional)
                values (?, ?, ?, 'ASSIGNED', ?, ?, ?, ?)""")
                .params(caseId, departmentId, lead, Timestamp.from(at), by, Timestamp.from(due.at()), due.provisional()).update();
    }

    public void reported(long id, String by, String report, Instant at) {
        jdbc.sql("update case_assignment set status = 'REPORTED', reported_at = ?, reported_by = ?, report = ? where id = ? and status = 'ASSIGNED'")
                .params(Timestamp.from(at), by, report, id).update();
    }

    public void sentBack(long id, String reason, Instant at, Instant rerouteDue) {
        jdbc.sql("""
                update case_assignment set status = 'SENT_BACK', sent_back_at = ?, sent_back_reason = ?, reroute_due = ?
                where id = ? and status = 'ASSIGNED'""").params(Timestamp.from(at), reason, Timestamp.from(rerouteDue), id).update();
    }

    /** The case leaves the departments (escalated, rejected, merged): the parts still in hand are taken back; how many. */
    public int withdrawInHand(long caseId) {
        return jdbc.sql("update case_assignment set status = 'WITHDRAWN' where case_id = ? and status = 'ASSIGNED'").param(caseId).update();
    }

    /** The latest limit of the parts in hand, if any. */
    public Optional<Instant> latestInHand(long caseId) {
        return jdbc.sql("select max(due_at) from case_assignment where case_id = ? and status = 'ASSIGNED'").param(caseId)
                .query((rs, i) -> ts(rs, 1)).optional().filter(java.util.Objects::nonNull);
    }

    /** The resident sent the work back for rework: the lead's reported part is in its hands again, with a new deadline. */
    public void reopenLead(long caseId, WorkingCalendar.Deadline due) {
        jdbc.sql("""
                update case_assignment set status = 'ASSIGNED', reported_at = null, reported_by = null, report = null, due_at = ?, due_provisional = ?
                where id = (select id from case_assignment where case_id = ? and lead and status = 'REPORTED' order by id desc limit 1)""")
                .params(Timestamp.from(due.at()), due.provisional(), caseId).update();
    }

    /** A department's part in hand, due at or before {@code by}, on an open case. */
    public record Due(long caseId, long departmentId, String name, Instant dueAt) {
    }

    public List<Due> inHandDueBy(Instant by) {
        return jdbc.sql("""
                select s.case_id, s.department_id, d.short_name, s.due_at from case_assignment s join department d on d.id = s.department_id
                join case_file c on c.id = s.case_id
                where s.status = 'ASSIGNED' and s.due_at <= ? and c.status = 'ASSIGNED' and c.level in ('DEPARTMENTS', 'LEADERS')
                order by s.due_at""")
                .param(Timestamp.from(by)).query((rs, i) -> new Due(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list();
    }

    /** A send-back the district center has not answered with a new assignment, re-route due at or before {@code by}. */
    public record Reroute(long caseId, String department, Instant rerouteDue) {
    }

    public List<Reroute> reroutesDueBy(Instant by) {
        return jdbc.sql("""
                select s.case_id, d.short_name, s.reroute_due from case_assignment s join department d on d.id = s.department_id
                join case_file c on c.id = s.case_id
                where s.status = 'SENT_BACK' and s.reroute_due <= ? and c.status in ('TAKEN', 'ASSIGNED') and c.level in ('DEPARTMENTS', 'LEADERS')
                  and not exists (select 1 from case_assignment n where n.case_id = s.case_id and n.assigned_at >= s.sent_back_at)
                order by s.reroute_due""")
                .param(Timestamp.from(by)).query((rs, i) -> new Reroute(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant())).list();
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getBoolean(6),
                AssignmentStatus.valueOf(rs.getString(7)), ts(rs, 8), ts(rs, 9), rs.getBoolean(10), ts(rs, 11), rs.getString(12), ts(rs, 13),
                rs.getString(14), ts(rs, 15));
    }

    private static Instant ts(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
