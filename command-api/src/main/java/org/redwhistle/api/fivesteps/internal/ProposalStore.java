package org.redwhistle.api.fivesteps.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.fivesteps.ProposalStatus;
import org.redwhistle.api.fivesteps.ProposalView;
import org.redwhistle.api.fivesteps.Verdict;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The one owner of {@code proposal}, {@code proposal_step}, {@code proposal_deliberation}, {@code proposal_option} and {@code proposal_evaluation}. */
@Repository
public class ProposalStore {

    /** A matter's own row. */
    public record Row(long id, long areaId, Long gridId, String compound, String title, String description, Double lon, Double lat,
            ProposalStatus status, String raisedBy, String raisedByName, String onBehalfOf, Long caseId, String resolution, Instant resolvedAt,
            Instant completedAt, Instant raisedAt) {
    }

    public record NewRow(long areaId, Long gridId, String compound, String title, String description, Double lon, Double lat, String raisedBy,
            String raisedByName, String onBehalfOf, Long caseId, Instant at) {
    }

    public record NewOption(String label, String description, BigDecimal amount, String unit, BigDecimal quantity, String quantityUnit, int perYear) {
    }

    private static final String SELECT = """
            select id, area_id, grid_id, compound, title, description, lon, lat, status, raised_by, raised_by_name, on_behalf_of, case_id,
                   resolution, resolved_at, completed_at, raised_at from proposal""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ProposalStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(NewRow r) {
        return jdbc.sql("""
                insert into proposal (area_id, grid_id, compound, title, description, lon, lat, status, raised_by, raised_by_name, on_behalf_of,
                                      case_id, raised_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, 'RAISED', ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.areaId(), r.gridId(), r.compound(), r.title(), r.description(), r.lon(), r.lat(), r.raisedBy(), r.raisedByName(),
                        r.onBehalfOf(), r.caseId(), Timestamp.from(r.at()), Timestamp.from(r.at()))
                .query(Long.class).single();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(ProposalStore::row).optional();
    }

    /** The row, locked for a change of status. */
    public Optional<Row> lock(long id) {
        return jdbc.sql(SELECT + " where id = ? for update").param(id).query(ProposalStore::row).optional();
    }

    public Optional<Row> byCase(long caseId) {
        return jdbc.sql(SELECT + " where case_id = ?").param(caseId).query(ProposalStore::row).optional();
    }

    /** A title already raised in a community (the demo's idempotence). */
    public Optional<Row> byTitle(long areaId, String title) {
        return jdbc.sql(SELECT + " where area_id = ? and title = ? order by id limit 1").params(areaId, title).query(ProposalStore::row).optional();
    }

    /** The matters of the given communities (null: all), newest first; of one grid when {@code gridId} is set. */
    public List<Row> list(List<Long> areaIds, Long gridId, ProposalStatus status, int limit) {
        StringBuilder sql = new StringBuilder(SELECT + " where true");
        List<Object> params = new java.util.ArrayList<>();
        if (areaIds != null) {
            if (areaIds.isEmpty()) {
                return List.of();
            }
            sql.append(" and area_id in (").append(String.join(",", areaIds.stream().map(a -> "?").toList())).append(")");
            params.addAll(areaIds);
        }
        if (gridId != null) {
            sql.append(" and grid_id = ?");
            params.add(gridId);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status.name());
        }
        sql.append(" order by raised_at desc, id desc limit ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(ProposalStore::row).list();
    }

    public void status(long id, ProposalStatus status, Instant at) {
        jdbc.sql("update proposal set status = ?, updated_at = ? where id = ?").params(status.name(), Timestamp.from(at), id).update();
    }

    public void resolved(long id, String resolution, Instant at) {
        jdbc.sql("update proposal set status = 'RESOLVED', resolution = ?, resolved_at = ?, updated_at = ? where id = ?")
                .params(resolution, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    public void completed(long id, Instant at) {
        jdbc.sql("update proposal set status = 'COMPLETED', completed_at = ?, updated_at = ? where id = ?")
                .params(Timestamp.from(at), Timestamp.from(at), id).update();
    }

    // ---- the record ----

    public void step(long id, String actor, String actorName, String action, ProposalStatus status, String note, Instant at) {
        jdbc.sql("insert into proposal_step (proposal_id, at, actor, actor_name, action, status, note) values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, Timestamp.from(at), actor, actorName, action, status.name(), note).update();
    }

    /** The record's steps; those by an actor {@code hidden} names are signed {@code shownAs}, their name in the note too. */
    public List<ProposalView.ProposalStep> steps(long id, java.util.function.Predicate<String> hidden, String shownAs) {
        return jdbc.sql("select at, actor, actor_name, action, status, note from proposal_step where proposal_id = ? order by at, id").param(id)
                .query((rs, n) -> {
                    String name = rs.getString("actor_name");
                    String note = rs.getString("note");
                    if (hidden.test(rs.getString("actor"))) {
                        note = note == null || name == null || name.isEmpty() ? note : note.replace(name, shownAs);
                        name = shownAs;
                    }
                    return new ProposalView.ProposalStep(instant(rs, "at"), name, rs.getString("action"), ProposalStatus.valueOf(rs.getString("status")).label(),
                            note);
                }).list();
    }

    // ---- 网格议事 ----

    public long deliberation(long id, LocalDate heldOn, String place, List<ProposalView.DeliberationParticipant> participants, List<ProposalView.DeliberationOpinion> opinions,
            String minutes, String by, Instant at) {
        return jdbc.sql("""
                insert into proposal_deliberation (proposal_id, held_on, place, participants, opinions, minutes, recorded_by, recorded_at)
                values (?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?) returning id""")
                .params(id, heldOn, place, json.writeValueAsString(participants), json.writeValueAsString(opinions), minutes, by, Timestamp.from(at))
                .query(Long.class).single();
    }

    public List<ProposalView.ProposalDeliberation> deliberations(long id) {
        return jdbc.sql("""
                select id, held_on, place, participants::text, opinions::text, minutes, recorded_by, recorded_at
                from proposal_deliberation where proposal_id = ? order by held_on, id""").param(id)
                .query((rs, n) -> new ProposalView.ProposalDeliberation(rs.getLong("id"), rs.getObject("held_on", LocalDate.class), rs.getString("place"),
                        json.readValue(rs.getString("participants"), new TypeReference<List<ProposalView.DeliberationParticipant>>() {
                        }), json.readValue(rs.getString("opinions"), new TypeReference<List<ProposalView.DeliberationOpinion>>() {
                        }), rs.getString("minutes"), rs.getString("recorded_by"), instant(rs, "recorded_at")))
                .list();
    }

    public long option(long id, NewOption o, String by, Instant at) {
        return jdbc.sql("""
                insert into proposal_option (proposal_id, label, description, amount, unit, quantity, quantity_unit, per_year, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(id, o.label(), o.description(), o.amount(), o.unit(), o.quantity(), o.quantityUnit(), o.perYear(), by, Timestamp.from(at))
                .query(Long.class).single();
    }

    public List<ProposalView.ProposalOption> options(long id) {
        return jdbc.sql("select id, label, description, amount, unit, quantity, quantity_unit, per_year from proposal_option where proposal_id = ? order by id")
                .param(id).query((rs, n) -> Costs.option(rs.getLong("id"), rs.getString("label"), rs.getString("description"),
                        rs.getBigDecimal("amount"), rs.getString("unit"), rs.getBigDecimal("quantity"), rs.getString("quantity_unit"), rs.getInt("per_year")))
                .list();
    }

    // ---- 群众评事 ----

    /** Records a resident's evaluation; false when they evaluated this matter before. */
    public boolean evaluate(long id, long userId, String name, Verdict verdict, String comment, Instant at) {
        return jdbc.sql("""
                insert into proposal_evaluation (proposal_id, user_id, name, satisfaction, comment, at) values (?, ?, ?, ?, ?, ?)
                on conflict (proposal_id, user_id) do nothing""")
                .params(id, userId, name, verdict.name(), comment, Timestamp.from(at)).update() == 1;
    }

    public List<ProposalView.ProposalEvaluation> evaluations(long id, long viewer) {
        return jdbc.sql("select user_id, name, satisfaction, comment, at from proposal_evaluation where proposal_id = ? order by at, id").param(id)
                .query((rs, n) -> {
                    Verdict v = Verdict.valueOf(rs.getString("satisfaction"));
                    return new ProposalView.ProposalEvaluation(rs.getString("name"), v, v.label(), rs.getString("comment"), instant(rs, "at"),
                            rs.getLong("user_id") == viewer);
                }).list();
    }

    public int evaluationCount(long id) {
        return jdbc.sql("select count(*) from proposal_evaluation where proposal_id = ?").param(id).query(Integer.class).single();
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("area_id"), (Long) rs.getObject("grid_id", Long.class), rs.getString("compound"),
                rs.getString("title"), rs.getString("description"), (Double) rs.getObject("lon", Double.class), (Double) rs.getObject("lat", Double.class),
                ProposalStatus.valueOf(rs.getString("status")), rs.getString("raised_by"), rs.getString("raised_by_name"), rs.getString("on_behalf_of"),
                (Long) rs.getObject("case_id", Long.class), rs.getString("resolution"), instant(rs, "resolved_at"), instant(rs, "completed_at"),
                instant(rs, "raised_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
