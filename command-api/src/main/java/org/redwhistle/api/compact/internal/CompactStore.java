package org.redwhistle.api.compact.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.compact.Article;
import org.redwhistle.api.compact.ArticleCategory;
import org.redwhistle.api.compact.CompactVersion;
import org.redwhistle.api.compact.PenaltyEffect;
import org.redwhistle.api.compact.VersionState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code compact_version} and {@code compact_article}. */
@Repository
public class CompactStore {

    private static final String VERSION = """
            select v.id, v.area_id, a.name, v.number, v.title, v.state, v.matter_id, v.in_force_from, v.superseded_on, v.created_by,
                   v.created_at, v.updated_at
            from compact_version v join area a on a.id = v.area_id""";

    private final JdbcClient jdbc;

    public CompactStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CompactVersion> find(long id) {
        return jdbc.sql(VERSION + " where v.id = ?").param(id).query(this::version).optional().map(this::withArticles);
    }

    /** The version row locked for an update. */
    public Optional<CompactVersion> lock(long id) {
        jdbc.sql("select id from compact_version where id = ? for update").param(id).query(Long.class).optional();
        return find(id);
    }

    public Optional<CompactVersion> byNumber(long areaId, int number) {
        return jdbc.sql(VERSION + " where v.area_id = ? and v.number = ?").params(areaId, number).query(this::version).optional()
                .map(this::withArticles);
    }

    public Optional<CompactVersion> inForce(long areaId) {
        return jdbc.sql(VERSION + " where v.area_id = ? and v.state = 'ADOPTED'").param(areaId).query(this::version).optional()
                .map(this::withArticles);
    }

    /** A village's versions, newest first, with their articles. */
    public List<CompactVersion> versions(long areaId) {
        return jdbc.sql(VERSION + " where v.area_id = ? order by v.number desc").param(areaId).query(this::version).list().stream()
                .map(this::withArticles).toList();
    }

    public int nextNumber(long areaId) {
        return jdbc.sql("select coalesce(max(number), 0) + 1 from compact_version where area_id = ?").param(areaId).query(Integer.class).single();
    }

    public long insert(long areaId, int number, String title, String by, Instant at) {
        return jdbc.sql("""
                insert into compact_version (area_id, number, title, state, created_by, created_at, updated_at)
                values (?, ?, ?, 'DRAFT', ?, ?, ?) returning id""")
                .params(areaId, number, title, by, Timestamp.from(at), Timestamp.from(at)).query(Long.class).single();
    }

    public void setTitle(long id, String title, Instant at) {
        jdbc.sql("update compact_version set title = ?, updated_at = ? where id = ?").params(title, Timestamp.from(at), id).update();
    }

    public void replaceArticles(long versionId, List<Article> articles) {
        jdbc.sql("delete from compact_article where version_id = ?").param(versionId).update();
        for (Article a : articles) {
            jdbc.sql("""
                    insert into compact_article (version_id, number, category, text, effects, measure, lifts, condition, refs)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(versionId, a.number(), a.category().name(), a.text(), a.effects().stream().map(Enum::name).toArray(String[]::new),
                            a.measure(), a.lifts().toArray(Integer[]::new), a.condition(), a.refs().toArray(Integer[]::new))
                    .update();
        }
    }

    public void propose(long id, long matterId, Instant at) {
        jdbc.sql("update compact_version set state = 'PROPOSED', matter_id = ?, updated_at = ? where id = ?")
                .params(matterId, Timestamp.from(at), id).update();
    }

    public void adopt(long id, Long matterId, LocalDate from, Instant at) {
        jdbc.sql("""
                update compact_version set state = 'ADOPTED', matter_id = coalesce(?, matter_id), in_force_from = ?, decided_at = ?, updated_at = ?
                where id = ?""").params(matterId, from, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    public void supersede(long id, LocalDate on, Instant at) {
        jdbc.sql("update compact_version set state = 'SUPERSEDED', superseded_on = ?, updated_at = ? where id = ?")
                .params(on, Timestamp.from(at), id).update();
    }

    public void notAdopted(long id, Long matterId, Instant at) {
        jdbc.sql("update compact_version set state = 'NOT_ADOPTED', matter_id = coalesce(?, matter_id), decided_at = ?, updated_at = ? where id = ?")
                .params(matterId, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    private CompactVersion withArticles(CompactVersion v) {
        List<Article> articles = jdbc.sql("""
                select number, category, text, effects, measure, lifts, condition, refs from compact_article where version_id = ? order by number""")
                .param(v.id()).query((rs, i) -> Article.of(rs.getInt(1), ArticleCategory.valueOf(rs.getString(2)), rs.getString(3),
                        Arrays.stream(strings(rs.getArray(4))).map(PenaltyEffect::valueOf).toList(), rs.getString(5), ints(rs.getArray(6)),
                        rs.getString(7), ints(rs.getArray(8))))
                .list();
        return new CompactVersion(v.id(), v.areaId(), v.areaName(), v.number(), v.title(), v.state(), v.stateLabel(), v.matterId(), v.inForceFrom(),
                v.supersededOn(), v.createdBy(), v.createdAt(), v.updatedAt(), articles);
    }

    private CompactVersion version(ResultSet rs, int i) throws SQLException {
        VersionState state = VersionState.valueOf(rs.getString(6));
        return new CompactVersion(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5), state, state.label(),
                (Long) rs.getObject(7), rs.getObject(8, LocalDate.class), rs.getObject(9, LocalDate.class), rs.getString(10),
                rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), List.of());
    }

    static String[] strings(Array a) throws SQLException {
        return a == null ? new String[0] : (String[]) a.getArray();
    }

    static List<Integer> ints(Array a) throws SQLException {
        if (a == null) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : (Object[]) a.getArray()) {
            out.add(((Number) o).intValue());
        }
        return out;
    }
}
