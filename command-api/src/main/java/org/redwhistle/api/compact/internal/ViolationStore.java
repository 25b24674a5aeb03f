package org.redwhistle.api.compact.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.compact.PenaltyEffect;
import org.redwhistle.api.compact.Violation;
import org.redwhistle.api.compact.ViolationState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code compact_violation} and {@code compact_photo}. The views it returns carry the
 * violation's own columns; the household's words and the articles' texts are added by the service.
 */
@Repository
public class ViolationStore {

    private static final String SELECT = """
            select x.id, x.area_id, x.version_id, v.number, x.article_no, x.household_id, x.description, x.place, x.occurred_on, x.state,
                   x.reported_by, x.reported_at,
                   array(select p.id from compact_photo p where p.violation_id = x.id order by p.id) photos,
                   x.decided_by, x.decided_at, x.penalty_article, x.effects, x.measure, x.decision_note, x.suspended_from,
                   x.restored_by, x.restored_at, x.restoration_article, x.restoration_evidence, x.restoration_checker, x.restored_from,
                   x.appeal_by, x.appeal_at, x.appeal_reason, x.appeal_dispute_id, x.appeal_resolved, x.appeal_level, x.appeal_outcome,
                   x.appeal_settled_at
            from compact_violation x join compact_version v on v.id = x.version_id""";

    private final JdbcClient jdbc;

    public ViolationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Violation> find(long id) {
        return jdbc.sql(SELECT + " where x.id = ?").param(id).query(this::row).optional();
    }

    public Optional<Violation> lock(long id) {
        jdbc.sql("select id from compact_violation where id = ? for update").param(id).query(Long.class).optional();
        return find(id);
    }

    /** A village's violations, newest first; {@code state} null: all. */
    public List<Violation> ofArea(long areaId, ViolationState state) {
        return jdbc.sql(SELECT + " where x.area_id = ? and (cast(? as text) is null or x.state = ?) order by x.reported_at desc, x.id desc")
                .params(areaId, state == null ? null : state.name(), state == null ? null : state.name()).query(this::row).list();
    }

    public List<Violation> ofHousehold(long householdId) {
        return jdbc.sql(SELECT + " where x.household_id = ? order by x.reported_at desc, x.id desc").param(householdId).query(this::row).list();
    }

    /** A suspension in effect on a day: begun by then, and not yet lifted then (a restoration takes effect from its date). */
    private static final String SUSPENDED_ON = """
            'WELFARE_SUSPENDED' = any(x.effects) and x.suspended_from is not null and x.suspended_from <= ?
              and (x.restored_from is null or x.restored_from > ?)""";

    /** The violations suspending welfare on {@code on}, oldest suspension first; {@code areaId} null: everywhere. */
    public List<Violation> suspending(Long areaId, LocalDate on) {
        return jdbc.sql(SELECT + "\n where " + SUSPENDED_ON + """

                   and (cast(? as bigint) is null or x.area_id = ?)
                 order by x.suspended_from, x.id""").params(on, on, areaId, areaId).query(this::row).list();
    }

    /** The villages that have violations suspending welfare on {@code on}. */
    public List<Long> areasSuspending(LocalDate on) {
        return jdbc.sql("select distinct x.area_id from compact_violation x where " + SUSPENDED_ON).params(on, on).query(Long.class).list();
    }

    public long insert(long areaId, long versionId, int articleNo, long householdId, String description, String place, LocalDate occurredOn,
            String by, Instant at) {
        return jdbc.sql("""
                insert into compact_violation (area_id, version_id, article_no, household_id, description, place, occurred_on, state,
                    reported_by, reported_at)
                values (?, ?, ?, ?, ?, ?, ?, 'REPORTED', ?, ?) returning id""")
                .params(areaId, versionId, articleNo, householdId, description, place, occurredOn, by, Timestamp.from(at)).query(Long.class).single();
    }

    public void confirm(long id, String by, Instant at, int penaltyArticle, List<PenaltyEffect> effects, String measure, String note,
            LocalDate suspendedFrom) {
        jdbc.sql("""
                update compact_violation set state = 'CONFIRMED', decided_by = ?, decided_at = ?, penalty_article = ?, effects = ?, measure = ?,
                    decision_note = ?, suspended_from = ?
                where id = ?""")
                .params(by, Timestamp.from(at), penaltyArticle, effects.stream().map(Enum::name).toArray(String[]::new), measure, note,
                        suspendedFrom, id)
                .update();
    }

    public void dismiss(long id, String by, Instant at, String reason) {
        jdbc.sql("update compact_violation set state = 'DISMISSED', decided_by = ?, decided_at = ?, decision_note = ? where id = ?")
                .params(by, Timestamp.from(at), reason, id).update();
    }

    public void restore(long id, String by, Instant at, int article, String evidence, String checker, LocalDate from) {
        jdbc.sql("""
                update compact_violation set state = 'RESTORED', restored_by = ?, restored_at = ?, restoration_article = ?,
                    restoration_evidence = ?, restoration_checker = ?, restored_from = ?
                where id = ?""").params(by, Timestamp.from(at), article, evidence, checker, from, id).update();
    }

    public void appeal(long id, String by, Instant at, String reason) {
        jdbc.sql("update compact_violation set state = 'APPEALED', appeal_by = ?, appeal_at = ?, appeal_reason = ? where id = ?")
                .params(by, Timestamp.from(at), reason, id).update();
    }

    public void settle(long id, long disputeId, boolean resolved, String level, String outcome, Instant at) {
        jdbc.sql("""
                update compact_violation set state = 'CONFIRMED', appeal_dispute_id = ?, appeal_resolved = ?, appeal_level = ?,
                    appeal_outcome = ?, appeal_settled_at = ?
                where id = ?""").params(disputeId, resolved, level, outcome, Timestamp.from(at), id).update();
    }

    public long insertPhoto(long violationId, String contentType, byte[] data, int width, int height, String by, Instant at) {
        return jdbc.sql("""
                insert into compact_photo (violation_id, content_type, data, width, height, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(violationId, contentType, data, width, height, by, Timestamp.from(at)).query(Long.class).single();
    }

    public long photoCount(long violationId) {
        return jdbc.sql("select count(*) from compact_photo where violation_id = ?").param(violationId).query(Long.class).single();
    }

    /** A stored picture's type and bytes, when it belongs to the violation. */
    public record Photo(String contentType, byte[] data) {
    }

    public Optional<Photo> photo(long violationId, long photoId) {
        return jdbc.sql("select content_type, data from compact_photo where id = ? and violation_id = ?").params(photoId, violationId)
                .query((rs, i) -> new Photo(rs.getString(1), rs.getBytes(2))).optional();
    }

    private Violation row(ResultSet rs, int i) throws SQLException {
        ViolationState state = ViolationState.valueOf(rs.getString(10));
        List<PenaltyEffect> effects = Arrays.stream(CompactStore.strings(rs.getArray(17))).map(PenaltyEffect::valueOf).toList();
        List<Long> photos = Arrays.stream((Object[]) rs.getArray(13).getArray()).map(o -> ((Number) o).longValue()).toList();
        Violation.Appeal appeal = rs.getString(27) == null ? null
                : new Violation.Appeal(rs.getString(27), instant(rs, 28), rs.getString(29), (Long) rs.getObject(30), (Boolean) rs.getObject(31),
                        rs.getString(32), rs.getString(33), instant(rs, 34));
        return new Violation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4), rs.getInt(5), null, rs.getLong(6), null, null, null,
                rs.getString(7), rs.getString(8), rs.getObject(9, LocalDate.class), state, state.label(), rs.getString(11), instant(rs, 12), photos,
                rs.getString(14), instant(rs, 15), (Integer) rs.getObject(16), null, effects, effects.stream().map(PenaltyEffect::label).toList(),
                rs.getString(18), rs.getString(19), rs.getObject(20, LocalDate.class), rs.getString(21), instant(rs, 22),
                (Integer) rs.getObject(23), rs.getString(24), rs.getString(25), rs.getObject(26, LocalDate.class), appeal);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
