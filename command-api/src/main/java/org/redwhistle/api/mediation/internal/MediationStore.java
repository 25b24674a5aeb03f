package org.redwhistle.api.mediation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.mediation.DisputeCategory;
import org.redwhistle.api.mediation.DisputeStatus;
import org.redwhistle.api.mediation.Disputes.Side;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.ReferralTarget;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code dispute}, {@code dispute_party}, {@code dispute_session} and {@code dispute_step}. */
@Repository
public class MediationStore {

    private static final String DISPUTE = """
            select id, area_id, title, category, description, origin, level, status, agent_id, level_since, level_due, overdue_at,
                   opened_by, opened_at, closed_at, outcome, referred_to, facts, terms, performance, performance_due,
                   agreement_at, parties_confirmed, mediator_signed_by, signed_at, file_pdf is not null as has_file
            from dispute""";

    /** A dispute's row, without its documents. */
    public record Row(long id, long areaId, String title, DisputeCategory category, String description, String origin, MediationLevel level,
            DisputeStatus status, Long agentId, Instant levelSince, Instant levelDue, Instant overdueAt, String openedBy, Instant openedAt,
            Instant closedAt, String outcome, ReferralTarget referredTo, String facts, String terms, String performance, LocalDate performanceDue,
            Instant agreementAt, String partiesConfirmed, String mediatorSignedBy, Instant signedAt, boolean hasFile) {
    }

    public record Party(long id, Side side, Long householdId, Long personId, String name, String details) {
    }

    public record Session(long id, Instant heldAt, String place, MediationLevel level, String mediators, String present, String notes,
            String recordedBy) {
    }

    public record Step(Instant at, String action, MediationLevel level, String actor, String note) {
    }

    private final JdbcClient jdbc;

    public MediationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(long areaId, String title, DisputeCategory category, String description, String origin, MediationLevel level,
            Long agentId, Instant at, Instant due, String by) {
        return jdbc.sql("""
                insert into dispute (area_id, title, category, description, origin, level, status, agent_id, level_since, level_due, opened_by, opened_at)
                values (?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?) returning id""")
                .params(areaId, title, category.name(), description, origin, level.name(), agentId, ts(at), ts(due), by, ts(at))
                .query(Long.class).single();
    }

    public void insertParty(long disputeId, Side side, Long householdId, Long personId, String name, String details) {
        jdbc.sql("insert into dispute_party (dispute_id, side, household_id, person_id, name, details) values (?, ?, ?, ?, ?, ?)")
                .params(disputeId, side.name(), householdId, personId, name, details).update();
    }

    /** Locks the dispute's row for a step. */
    public Optional<Row> lock(long id) {
        return jdbc.sql(DISPUTE + " where id = ? for update").param(id).query(MediationStore::row).optional();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(DISPUTE + " where id = ?").param(id).query(MediationStore::row).optional();
    }

    /** The disputes of these villages, newest first. */
    public List<Row> inAreas(Collection<Long> areaIds) {
        if (areaIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(DISPUTE + " where area_id in (:areas) order by status = 'OPEN' desc, level_due, opened_at desc")
                .param("areas", areaIds).query(MediationStore::row).list();
    }

    /** Open disputes whose level's limit passed by {@code now} and that are not flagged yet. */
    public List<Row> overdueUnflagged(Instant now) {
        return jdbc.sql(DISPUTE + " where status = 'OPEN' and overdue_at is null and level_due < ? order by level_due")
                .param(ts(now)).query(MediationStore::row).list();
    }

    public void moveLevel(long id, MediationLevel level, Instant since, Instant due) {
        jdbc.sql("update dispute set level = ?, level_since = ?, level_due = ?, overdue_at = null where id = ?")
                .params(level.name(), ts(since), ts(due), id).update();
    }

    public boolean flagOverdue(long id, Instant dueWas, Instant at) {
        return jdbc.sql("update dispute set overdue_at = ? where id = ? and status = 'OPEN' and overdue_at is null and level_due = ?")
                .params(ts(at), id, ts(dueWas)).update() == 1;
    }

    public void draft(long id, String facts, String terms, String performance, LocalDate due) {
        jdbc.sql("update dispute set facts = ?, terms = ?, performance = ?, performance_due = ?, agreement_pdf = null, agreement_at = null where id = ?")
                .params(facts, terms, performance, due, id).update();
    }

    public void storeAgreement(long id, byte[] pdf, Instant at) {
        jdbc.sql("update dispute set agreement_pdf = ?, agreement_at = ? where id = ?").params(pdf, ts(at), id).update();
    }

    public void settle(long id, String partiesConfirmed, String mediator, Instant at, String outcome, byte[] signedPdf) {
        jdbc.sql("""
                update dispute set status = 'SETTLED', parties_confirmed = ?, mediator_signed_by = ?, signed_at = ?, closed_at = ?, outcome = ?,
                       agreement_pdf = ? where id = ?""")
                .params(partiesConfirmed, mediator, ts(at), ts(at), outcome, signedPdf, id).update();
    }

    public void refer(long id, ReferralTarget to, Instant at, String outcome, byte[] file) {
        jdbc.sql("update dispute set status = 'REFERRED', referred_to = ?, closed_at = ?, outcome = ?, file_pdf = ? where id = ?")
                .params(to.name(), ts(at), outcome, file, id).update();
    }

    public void withdraw(long id, Instant at, String outcome) {
        jdbc.sql("update dispute set status = 'WITHDRAWN', closed_at = ?, outcome = ? where id = ?").params(ts(at), outcome, id).update();
    }

    public Optional<byte[]> agreementPdf(long id) {
        return jdbc.sql("select agreement_pdf from dispute where id = ? and agreement_pdf is not null").param(id).query(byte[].class).optional();
    }

    public Optional<byte[]> filePdf(long id) {
        return jdbc.sql("select file_pdf from dispute where id = ? and file_pdf is not null").param(id).query(byte[].class).optional();
    }

    public int count(long areaId) {
        return jdbc.sql("select count(*) from dispute where area_id = ?").param(areaId).query(Integer.class).single();
    }

    public List<Party> parties(long disputeId) {
        return jdbc.sql("select id, side, household_id, person_id, name, details from dispute_party where dispute_id = ? order by side, id")
                .param(disputeId).query((rs, i) -> new Party(rs.getLong(1), Side.valueOf(rs.getString(2)), (Long) rs.getObject(3, Long.class),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), rs.getString(6))).list();
    }

    public long insertSession(long disputeId, Instant heldAt, String place, MediationLevel level, String mediators, String present, String notes,
            String by, Instant at) {
        return jdbc.sql("""
                insert into dispute_session (dispute_id, held_at, place, level, mediators, present, notes, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(disputeId, ts(heldAt), place, level.name(), mediators, present, notes, by, ts(at)).query(Long.class).single();
    }

    public List<Session> sessions(long disputeId) {
        return jdbc.sql("select id, held_at, place, level, mediators, present, notes, recorded_by from dispute_session where dispute_id = ? order by held_at, id")
                .param(disputeId).query((rs, i) -> new Session(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        MediationLevel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))).list();
    }

    public void step(long disputeId, Instant at, String action, MediationLevel level, String actor, String note) {
        jdbc.sql("insert into dispute_step (dispute_id, at, action, level, actor, note) values (?, ?, ?, ?, ?, ?)")
                .params(disputeId, ts(at), action, level.name(), actor, note).update();
    }

    public List<Step> steps(long disputeId) {
        return jdbc.sql("select at, action, level, actor, note from dispute_step where dispute_id = ? order by at, id").param(disputeId)
                .query((rs, i) -> new Step(rs.getTimestamp(1).toInstant(), rs.getString(2), MediationLevel.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5))).list();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    static Row row(ResultSet rs, int i) throws SQLException {
        String referred = rs.getString("referred_to");
        java.sql.Date due = rs.getDate("performance_due");
        return new Row(rs.getLong("id"), rs.getLong("area_id"), rs.getString("title"), DisputeCategory.valueOf(rs.getString("category")),
                rs.getString("description"), rs.getString("origin"), MediationLevel.valueOf(rs.getString("level")),
                DisputeStatus.valueOf(rs.getString("status")), (Long) rs.getObject("agent_id", Long.class), instant(rs, "level_since"),
                instant(rs, "level_due"), instant(rs, "overdue_at"), rs.getString("opened_by"), instant(rs, "opened_at"), instant(rs, "closed_at"),
                rs.getString("outcome"), referred == null ? null : ReferralTarget.valueOf(referred), rs.getString("facts"), rs.getString("terms"),
                rs.getString("performance"), due == null ? null : due.toLocalDate(), instant(rs, "agreement_at"), rs.getString("parties_confirmed"),
                rs.getString("mediator_signed_by"), instant(rs, "signed_at"), rs.getBoolean("has_file"));
    }
}
