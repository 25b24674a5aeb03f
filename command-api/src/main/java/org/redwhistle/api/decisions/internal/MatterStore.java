package org.redwhistle.api.decisions.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.decisions.MatterState;
import org.redwhistle.api.decisions.Matters.Member;
import org.redwhistle.api.decisions.Step;
import org.redwhistle.api.decisions.Tally;
import org.redwhistle.api.decisions.Vote;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The one owner of {@code matter} and {@code matter_step}: the villages' matters and the meetings held for them. */
@Repository
public class MatterStore {

    /** A matter as stored. */
    public record MatterRow(long id, long areaId, String title, String description, String kind, BigDecimal amountYuan, boolean major,
            String subjectKind, String subjectRef, MatterState state, int round, Boolean resolutionPassed, LocalDate resolvedOn,
            LocalDate publishedOn, String publicationText, LocalDate displayUntil, Instant publishedAt, LocalDate implementedOn,
            String implementationNote, LocalDate resultOn, String resultText, String resultFigures, Instant resultPublishedAt, String createdBy,
            Instant createdAt) {
    }

    /** A meeting as stored. */
    public record StepRow(long id, long matterId, int round, Step step, LocalDate heldOn, String place, String chair, String ruleCode,
            String ruleText, List<Member> members, List<Long> attendance, Map<Long, Vote> votes, Tally tally, String note, String recordedBy,
            Instant recordedAt) {
    }

    private static final String MATTER = """
            select id, area_id, title, description, kind, amount_yuan, major, subject_kind, subject_ref, state, round, resolution_passed, resolved_on,
                   published_on, publication_text, display_until, published_at, implemented_on, implementation_note, result_on, result_text,
                   result_figures, result_published_at, created_by, created_at
            from matter""";
    private static final String STEP = """
            select id, matter_id, round, step, held_on, place, chair, rule_code, rule_text, members, attendance, votes, member_count, present, yes, no,
                   abstain, present_needed, yes_needed, quorate, passed, outcome, note, recorded_by, recorded_at
            from matter_step""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public MatterStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(long areaId, String title, String description, String kind, BigDecimal amount, boolean major, String subjectKind,
            String subjectRef, String createdBy) {
        return jdbc.sql("""
                insert into matter (area_id, title, description, kind, amount_yuan, major, subject_kind, subject_ref, state, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?) returning id""")
                .params(areaId, title, description, kind, amount, major, subjectKind, subjectRef, createdBy).query(Long.class).single();
    }

    public Optional<MatterRow> byId(long id) {
        return jdbc.sql(MATTER + " where id = ?").param(id).query(MatterStore::matter).optional();
    }

    /** The matter, locked for a change. */
    public Optional<MatterRow> lock(long id) {
        return jdbc.sql(MATTER + " where id = ? for update").param(id).query(MatterStore::matter).optional();
    }

    public List<MatterRow> ofArea(long areaId) {
        return jdbc.sql(MATTER + " where area_id = ? order by created_at desc, id desc").param(areaId).query(MatterStore::matter).list();
    }

    /** The village's matters whose resolution was made public, latest first. */
    public List<MatterRow> published(long areaId) {
        return jdbc.sql(MATTER + " where area_id = ? and published_at is not null order by published_on desc, id desc").param(areaId)
                .query(MatterStore::matter).list();
    }

    public void setState(long id, MatterState state) {
        jdbc.sql("update matter set state = ?, updated_at = now() where id = ?").params(state.name(), id).update();
    }

    public void resolved(long id, boolean passed, LocalDate on) {
        jdbc.sql("update matter set resolution_passed = ?, resolved_on = ?, updated_at = now() where id = ?").params(passed, on, id).update();
    }

    public void newRound(long id) {
        jdbc.sql("update matter set state = 'OPEN', round = round + 1, resolution_passed = null, resolved_on = null, updated_at = now() where id = ?")
                .param(id).update();
    }

    public void publish(long id, LocalDate on, String text, LocalDate until, Instant at) {
        jdbc.sql("update matter set published_on = ?, publication_text = ?, display_until = ?, published_at = ?, updated_at = now() where id = ?")
                .params(on, text, until, Timestamp.from(at), id).update();
    }

    public void implement(long id, LocalDate on, String note) {
        jdbc.sql("update matter set implemented_on = ?, implementation_note = ?, updated_at = now() where id = ?").params(on, note, id).update();
    }

    public void result(long id, LocalDate on, String text, String figures, Instant at) {
        jdbc.sql("update matter set result_on = ?, result_text = ?, result_figures = ?, result_published_at = ?, updated_at = now() where id = ?")
                .params(on, text, figures, Timestamp.from(at), id).update();
    }

    public long insertStep(long matterId, int round, Step step, LocalDate heldOn, String place, String chair, String ruleCode, String ruleText,
            List<Member> members, List<Long> attendance, Map<Long, Vote> votes, Tally t, String note, String recordedBy) {
        return jdbc.sql("""
                insert into matter_step (matter_id, round, step, held_on, place, chair, rule_code, rule_text, members, attendance, votes, member_count,
                                         present, yes, no, abstain, present_needed, yes_needed, quorate, passed, outcome, note, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(matterId, round, step.name(), heldOn, place, chair, ruleCode, ruleText, json.writeValueAsString(members),
                        json.writeValueAsString(attendance), votes == null ? null : json.writeValueAsString(votes), t.members(), t.present(), t.yes(),
                        t.no(), t.abstain(), t.presentNeeded(), t.yesNeeded(), t.quorate(), t.passed(), t.outcome(), note, recordedBy)
                .query(Long.class).single();
    }

    /** The matter's meetings, in the order they were held and recorded. */
    public List<StepRow> steps(long matterId) {
        return jdbc.sql(STEP + " where matter_id = ? order by round, held_on, id").param(matterId).query(this::step).list();
    }

    /** The valid meetings of many matters, by matter. */
    public Map<Long, List<StepRow>> validSteps(List<Long> matterIds) {
        Map<Long, List<StepRow>> out = new LinkedHashMap<>();
        if (matterIds.isEmpty()) {
            return out;
        }
        jdbc.sql(STEP + " where matter_id = any(?) and quorate order by matter_id, round, held_on, id").param(matterIds.toArray(Long[]::new))
                .query(this::step).list().forEach(s -> out.computeIfAbsent(s.matterId(), k -> new java.util.ArrayList<>()).add(s));
        return out;
    }

    private StepRow step(ResultSet rs, int n) throws SQLException {
        Tally t = new Tally(rs.getString("rule_code"), rs.getInt("member_count"), rs.getInt("present"), rs.getInt("yes"), rs.getInt("no"),
                rs.getInt("abstain"), rs.getInt("present_needed"), rs.getInt("yes_needed"), rs.getBoolean("quorate"), rs.getBoolean("passed"),
                rs.getString("outcome"));
        String votes = rs.getString("votes");
        return new StepRow(rs.getLong("id"), rs.getLong("matter_id"), rs.getInt("round"), Step.valueOf(rs.getString("step")),
                rs.getDate("held_on").toLocalDate(), rs.getString("place"), rs.getString("chair"), rs.getString("rule_code"), rs.getString("rule_text"),
                json.readValue(rs.getString("members"), new TypeReference<List<Member>>() { }),
                json.readValue(rs.getString("attendance"), new TypeReference<List<Long>>() { }),
                votes == null ? null : json.readValue(votes, new TypeReference<Map<Long, Vote>>() { }), t, rs.getString("note"),
                rs.getString("recorded_by"), rs.getTimestamp("recorded_at").toInstant());
    }

    static MatterRow matter(ResultSet rs, int n) throws SQLException {
        return new MatterRow(rs.getLong("id"), rs.getLong("area_id"), rs.getString("title"), rs.getString("description"), rs.getString("kind"),
                rs.getBigDecimal("amount_yuan"), rs.getBoolean("major"), rs.getString("subject_kind"), rs.getString("subject_ref"),
                MatterState.valueOf(rs.getString("state")), rs.getInt("round"), (Boolean) rs.getObject("resolution_passed"), date(rs, "resolved_on"),
                date(rs, "published_on"), rs.getString("publication_text"), date(rs, "display_until"), instant(rs, "published_at"),
                date(rs, "implemented_on"), rs.getString("implementation_note"), date(rs, "result_on"), rs.getString("result_text"),
                rs.getString("result_figures"), instant(rs, "result_published_at"), rs.getString("created_by"), instant(rs, "created_at"));
    }

    private static LocalDate date(ResultSet rs, String col) throws SQLException {
        java.sql.Date d = rs.getDate(col);
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }
}
