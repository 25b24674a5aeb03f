package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.leads.LeadStatus;
import org.redwhistle.api.leads.LeadView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The statements on {@code lead}: the leads (线索) patrol members send from their phones, their review and outcome. */
@Component
public class LeadStore {

    static final String INSERT = """
            insert into lead (member_id, text, photo_url, location, area_path, created_at) values (?, ?, ?, st_setsrid(st_makepoint(?, ?), 4326), ?, ?)
            returning id""";

    static final String COLUMNS = """
            select l.id, l.member_id, m.name, m.affiliation, l.text, l.photo_url, st_x(l.location), st_y(l.location), l.area_path, l.status,
                   l.created_at, l.review_note, l.reviewed_by, l.reviewed_at, l.case_id, l.alarm_id, l.suspects_caught, l.property_description,
                   l.property_value, l.outcome_note, l.outcome_at
            from lead l join member m on m.id = l.member_id
            """;

    static final String LIST = COLUMNS + """
            where (cast(:area as bigint) is null or cast(:area as bigint) = any(l.area_path))
              and (cast(:member as bigint) is null or l.member_id = cast(:member as bigint))
              and (cast(:status as text) is null or l.status = cast(:status as text))
              and (cast(:from as timestamptz) is null or l.created_at >= cast(:from as timestamptz))
              and (cast(:to as timestamptz) is null or l.created_at < cast(:to as timestamptz))
            order by l.created_at desc, l.id desc limit :limit""";

    static final String STATS = """
            select count(*), count(*) filter (where status = 'REVIEWING'), count(*) filter (where status = 'VALID'),
                   count(*) filter (where status = 'INVALID'), coalesce(sum(suspects_caught), 0), coalesce(sum(property_value), 0)
            from lead where (cast(:area as bigint) is null or cast(:area as bigint) = any(area_path)) and created_at >= :from and created_at < :to""";

    private final JdbcClient jdbc;

    public LeadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a lead at a place (WGS-84) with the area path it is seen from (root first); returns its id. */
    public long insert(long memberId, String text, String photoUrl, double lon, double lat, List<Long> areaPath, Instant at) {
        return jdbc.sql(INSERT).params(memberId, text, photoUrl, lon, lat, areaPath.toArray(Long[]::new), Timestamp.from(at)).query(Long.class).single();
    }

    /** Which leads: inside an area (all when null), of a member, in a status, created in [from, to); newest first. */
    public record Query(Long areaId, Long memberId, LeadStatus status, Instant from, Instant to, int limit) {
    }

    public List<LeadView> list(Query q) {
        return jdbc.sql(LIST).param("area", q.areaId()).param("member", q.memberId()).param("status", q.status() == null ? null : q.status().name())
                .param("from", ts(q.from())).param("to", ts(q.to())).param("limit", q.limit()).query(LeadStore::view).list();
    }

    public Optional<LeadView> find(long id) {
        return jdbc.sql(COLUMNS + " where l.id = ?").param(id).query(LeadStore::view).optional();
    }

    /** The lead, its row locked until the transaction ends (a review and an outcome of the same lead wait for each other). */
    public Optional<LeadView> lock(long id) {
        jdbc.sql("select id from lead where id = ? for update").param(id).query(Long.class).optional();
        return find(id);
    }

    public void review(long id, LeadStatus status, String note, String by, Instant at) {
        jdbc.sql("update lead set status = ?, review_note = ?, reviewed_by = ?, reviewed_at = ? where id = ?")
                .params(status.name(), note, by, Timestamp.from(at), id).update();
    }

    public void outcome(long id, int suspectsCaught, String propertyDescription, BigDecimal propertyValue, String note, Instant at) {
        jdbc.sql("update lead set suspects_caught = ?, property_description = ?, property_value = ?, outcome_note = ?, outcome_at = ? where id = ?")
                .params(suspectsCaught, propertyDescription, propertyValue, note, Timestamp.from(at), id).update();
    }

    public void linkCase(long id, long caseId) {
        jdbc.sql("update lead set case_id = ? where id = ?").params(caseId, id).update();
    }

    public void linkAlarm(long id, long alarmId) {
        jdbc.sql("update lead set alarm_id = ? where id = ?").params(alarmId, id).update();
    }

    /** The figures of the leads sent in [from, to) inside an area (all when null). */
    public record Figures(long leads, long reviewing, long valid, long invalid, long suspectsCaught, BigDecimal propertyRecovered) {
    }

    public Figures figures(Long areaId, Instant from, Instant to) {
        return jdbc.sql(STATS).param("area", areaId).param("from", ts(from)).param("to", ts(to))
                .query((rs, i) -> new Figures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6)))
                .single();
    }

    /** How many leads were sent before a moment (the demo seeds its year of leads once). */
    public long countBefore(Instant t) {
        return jdbc.sql("select count(*) from lead where created_at < ?").param(ts(t)).query(Long.class).single();
    }

    /** A past lead as the demo writes it, reviewed and with its outcome, in one batch. */
    public record PastRow(long memberId, String text, double lon, double lat, List<Long> areaPath, Instant createdAt, LeadStatus status,
            String reviewNote, String reviewedBy, Instant reviewedAt, int suspectsCaught, String propertyDescription, BigDecimal propertyValue,
            Instant outcomeAt) {
    }

    /** Writes the rows in one batch; returns their ids in order. */
    public List<Long> insertPast(List<PastRow> rows) {
        List<Long> ids = new ArrayList<>();
        for (PastRow r : rows) {
            ids.add(jdbc.sql("""
                    insert into lead (member_id, text, location, area_path, created_at, status, review_note, reviewed_by, reviewed_at,
                                      suspects_caught, property_description, property_value, outcome_at)
                    values (?, ?, st_setsrid(st_makepoint(?, ?), 4326), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(r.memberId(), r.text(), r.lon(), r.lat(), r.areaPath().toArray(Long[]::new), ts(r.createdAt()), r.status().name(),
                            r.reviewNote(), r.reviewedBy(), ts(r.reviewedAt()), r.suspectsCaught(), r.propertyDescription(), r.propertyValue(),
                            ts(r.outcomeAt()))
                    .query(Long.class).single());
        }
        return ids;
    }

    private static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    static List<Long> path(Array a) throws SQLException {
        return a == null ? List.of() : List.of((Long[]) a.getArray());
    }

    private static LeadView view(ResultSet rs, int i) throws SQLException {
        LeadStatus status = LeadStatus.valueOf(rs.getString(10));
        long caseId = rs.getLong(15);
        Long caseRef = rs.wasNull() ? null : caseId;
        long alarmId = rs.getLong(16);
        Long alarmRef = rs.wasNull() ? null : alarmId;
        return new LeadView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getDouble(7),
                rs.getDouble(8), path(rs.getArray(9)), status, status.label(), instant(rs, 11), rs.getString(12), rs.getString(13), instant(rs, 14),
                caseRef, alarmRef, rs.getInt(17), rs.getString(18), rs.getBigDecimal(19), rs.getString(20), instant(rs, 21),
                status.next().stream().sorted().toList());
    }
}
