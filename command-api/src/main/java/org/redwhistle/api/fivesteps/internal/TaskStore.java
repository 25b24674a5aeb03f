package org.redwhistle.api.fivesteps.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.fivesteps.TaskStatus;
import org.redwhistle.api.fivesteps.UnitKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code proposal_task}: the 联动办事 tasks. */
@Repository
public class TaskStore {

    public record Row(long id, long proposalId, UnitKind unitKind, Long unitAreaId, Long departmentId, String unitName, String title, int workingDays,
            TaskStatus status, String assignedBy, Instant assignedAt, Instant dueAt, boolean dueProvisional, String reportedBy, Instant reportedAt,
            String reportNote, String acceptedBy, Instant acceptedAt, Instant overdueAt) {

        /** Past its deadline at {@code now} and not reported done. */
        public boolean overdue(Instant now) {
            return status == TaskStatus.ASSIGNED && now.isAfter(dueAt);
        }
    }

    public record NewRow(long proposalId, UnitKind unitKind, Long unitAreaId, Long departmentId, String unitName, String title, int workingDays,
            String by, Instant at, WorkingCalendar.Deadline due) {
    }

    /** Which tasks to list: of one proposal, of departments, of unit areas, of the proposals of communities; only overdue ones. */
    public record Filter(Long proposalId, Long departmentId, List<Long> unitAreaIds, List<Long> communityIds, boolean overdueOnly, Instant now) {
    }

    private static final String SELECT = """
            select t.id, t.proposal_id, t.unit_kind, t.unit_area_id, t.department_id, t.unit_name, t.title, t.working_days, t.status, t.assigned_by,
                   t.assigned_at, t.due_at, t.due_provisional, t.reported_by, t.reported_at, t.report_note, t.accepted_by, t.accepted_at, t.overdue_at
            from proposal_task t""";

    private final JdbcClient jdbc;

    public TaskStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(NewRow r) {
        return jdbc.sql("""
                insert into proposal_task (proposal_id, unit_kind, unit_area_id, department_id, unit_name, title, working_days, status, assigned_by,
                                           assigned_at, due_at, due_provisional)
                values (?, ?, ?, ?, ?, ?, ?, 'ASSIGNED', ?, ?, ?, ?) returning id""")
                .params(r.proposalId(), r.unitKind().name(), r.unitAreaId(), r.departmentId(), r.unitName(), r.title(), r.workingDays(), r.by(),
                        Timestamp.from(r.at()), Timestamp.from(r.due().at()), r.due().provisional())
                .query(Long.class).single();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " where t.id = ?").param(id).query(TaskStore::row).optional();
    }

    public Optional<Row> lock(long id) {
        return jdbc.sql(SELECT + " where t.id = ? for update").param(id).query(TaskStore::row).optional();
    }

    public List<Row> ofProposal(long proposalId) {
        return jdbc.sql(SELECT + " where t.proposal_id = ? order by t.assigned_at, t.id").param(proposalId).query(TaskStore::row).list();
    }

    public List<Row> list(Filter f) {
        StringBuilder sql = new StringBuilder(SELECT + " join proposal p on p.id = t.proposal_id where true");
        List<Object> params = new ArrayList<>();
        if (f.proposalId() != null) {
            sql.append(" and t.proposal_id = ?");
            params.add(f.proposalId());
        }
        List<String> units = new ArrayList<>();
        if (f.departmentId() != null) {
            units.add("t.department_id = ?");
            params.add(f.departmentId());
        }
        if (f.unitAreaIds() != null) {
            units.add(f.unitAreaIds().isEmpty() ? "false" : "t.unit_area_id in (" + String.join(",", f.unitAreaIds().stream().map(a -> "?").toList()) + ")");
            params.addAll(f.unitAreaIds());
        }
        if (f.communityIds() != null) {
            units.add(f.communityIds().isEmpty() ? "false" : "p.area_id in (" + String.join(",", f.communityIds().stream().map(a -> "?").toList()) + ")");
            params.addAll(f.communityIds());
        }
        if (!units.isEmpty()) {
            sql.append(" and (").append(String.join(" or ", units)).append(")");
        }
        if (f.overdueOnly()) {
            sql.append(" and t.status = 'ASSIGNED' and t.due_at < ?");
            params.add(Timestamp.from(f.now()));
        }
        sql.append(" order by t.due_at, t.id limit 500");
        return jdbc.sql(sql.toString()).params(params).query(TaskStore::row).list();
    }

    /** The open tasks whose deadline passed by {@code now} that supervision has not flagged yet. */
    public List<Row> overdueUnflagged(Instant now) {
        return jdbc.sql(SELECT + " where t.status = 'ASSIGNED' and t.due_at < ? and t.overdue_at is null order by t.due_at").param(Timestamp.from(now))
                .query(TaskStore::row).list();
    }

    /** Flags the task overdue once; false when it was flagged, reported or moved meanwhile. */
    public boolean flagOverdue(long id, Instant now) {
        return jdbc.sql("update proposal_task set overdue_at = ? where id = ? and status = 'ASSIGNED' and due_at < ? and overdue_at is null")
                .params(Timestamp.from(now), id, Timestamp.from(now)).update() == 1;
    }

    public void reported(long id, String by, String note, Instant at) {
        jdbc.sql("update proposal_task set status = 'REPORTED', reported_by = ?, report_note = ?, reported_at = ? where id = ?")
                .params(by, note, Timestamp.from(at), id).update();
    }

    public void accepted(long id, String by, Instant at) {
        jdbc.sql("update proposal_task set status = 'ACCEPTED', accepted_by = ?, accepted_at = ? where id = ?").params(by, Timestamp.from(at), id).update();
    }

    /** Sent back to the unit: open again, with a new deadline counted from now. */
    public void sentBack(long id, WorkingCalendar.Deadline due) {
        jdbc.sql("""
                update proposal_task set status = 'ASSIGNED', reported_by = null, reported_at = null, report_note = null, due_at = ?, due_provisional = ?,
                       overdue_at = null where id = ?""").params(Timestamp.from(due.at()), due.provisional(), id).update();
    }

    /** The open tasks whose deadline was counted provisionally. */
    public List<Row> provisional() {
        return jdbc.sql(SELECT + " where t.status = 'ASSIGNED' and t.due_provisional").query(TaskStore::row).list();
    }

    public void recounted(long id, WorkingCalendar.Deadline due) {
        jdbc.sql("update proposal_task set due_at = ?, due_provisional = ? where id = ?").params(Timestamp.from(due.at()), due.provisional(), id).update();
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("proposal_id"), UnitKind.valueOf(rs.getString("unit_kind")),
                (Long) rs.getObject("unit_area_id", Long.class), (Long) rs.getObject("department_id", Long.class), rs.getString("unit_name"),
                rs.getString("title"), rs.getInt("working_days"), TaskStatus.valueOf(rs.getString("status")), rs.getString("assigned_by"),
                ProposalStore.instant(rs, "assigned_at"), ProposalStore.instant(rs, "due_at"), rs.getBoolean("due_provisional"),
                rs.getString("reported_by"), ProposalStore.instant(rs, "reported_at"), rs.getString("report_note"), rs.getString("accepted_by"),
                ProposalStore.instant(rs, "accepted_at"), ProposalStore.instant(rs, "overdue_at"));
    }
}
