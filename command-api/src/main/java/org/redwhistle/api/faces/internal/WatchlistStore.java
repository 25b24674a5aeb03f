package org.redwhistle.api.faces.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.faces.WatchedFace;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code face_watchlist} table. Reads join the geo engine's {@code area} for the name and the scope. */
@Component
class WatchlistStore {

    private static final String SELECT = """
            select w.id, w.person_id, w.alias, w.reason, w.area_id, a.name area_name, w.valid_until, w.added_by, w.added_at,
                   w.ended_at, w.ended_by, w.end_note
            from face_watchlist w join area a on a.id = w.area_id""";

    private final JdbcClient jdbc;

    WatchlistStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Entries whose area lies in {@code scopeAreaId} (null: everywhere), open first, newest first. */
    List<WatchlistEntry> list(Long scopeAreaId, boolean withEnded, Instant now) {
        return jdbc.sql(SELECT + """
                 where (cast(:scope as bigint) is null or a.path @> array[cast(:scope as bigint)]) and (:ended or w.ended_at is null)
                order by w.ended_at is not null, w.added_at desc, w.id desc""")
                .param("scope", scopeAreaId).param("ended", withEnded).query((rs, i) -> entry(rs, now)).list();
    }

    Optional<WatchlistEntry> find(long id, Long scopeAreaId, Instant now) {
        return jdbc.sql(SELECT + " where w.id = :id and (cast(:scope as bigint) is null or a.path @> array[cast(:scope as bigint)])")
                .param("id", id).param("scope", scopeAreaId).query((rs, i) -> entry(rs, now)).optional();
    }

    /** Whether the person already has an open entry for the area. */
    boolean openFor(String personId, long areaId) {
        return jdbc.sql("select exists (select from face_watchlist where person_id = ? and area_id = ? and ended_at is null)")
                .params(personId, areaId).query(Boolean.class).single();
    }

    /** Whether the person has or had an entry for the area. */
    boolean everFor(String personId, long areaId) {
        return jdbc.sql("select exists (select from face_watchlist where person_id = ? and area_id = ?)").params(personId, areaId)
                .query(Boolean.class).single();
    }

    long insert(String personId, String alias, String reason, long areaId, Instant validUntil, String by, Instant now) {
        return jdbc.sql("""
                insert into face_watchlist (person_id, alias, reason, area_id, valid_until, added_by, added_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(personId, alias, reason, areaId, validUntil == null ? null : Timestamp.from(validUntil), by, Timestamp.from(now))
                .query(Long.class).single();
    }

    /** Ends an open entry; false if it was ended already. */
    boolean end(long id, String by, String note, Instant now) {
        return jdbc.sql("update face_watchlist set ended_at = ?, ended_by = ?, end_note = ? where id = ? and ended_at is null")
                .params(Timestamp.from(now), by, note, id).update() == 1;
    }

    /** Every open entry (expired ones too: whether one applies is decided at the time of the passage). */
    List<WatchedFace> open() {
        return jdbc.sql("select id, person_id, alias, reason, area_id, valid_until from face_watchlist where ended_at is null")
                .query((rs, i) -> new WatchedFace(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        instant(rs.getTimestamp(6))))
                .list();
    }

    private static WatchlistEntry entry(ResultSet rs, Instant now) throws SQLException {
        Instant until = instant(rs.getTimestamp("valid_until"));
        Instant ended = instant(rs.getTimestamp("ended_at"));
        boolean expired = until != null && !now.isBefore(until);
        String label = ended != null ? "已撤控" : expired ? "已过期" : "布控中";
        return new WatchlistEntry(rs.getLong("id"), rs.getString("person_id"), rs.getString("alias"), rs.getString("reason"), rs.getLong("area_id"),
                rs.getString("area_name"), until, rs.getString("added_by"), rs.getTimestamp("added_at").toInstant(), ended,
                rs.getString("ended_by"), rs.getString("end_note"), ended == null && !expired, label);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
