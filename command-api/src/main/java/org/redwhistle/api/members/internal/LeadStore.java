package org.redwhistle.api.members.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The statements on {@code lead}, owned by members: the leads (线索) patrol members send from their phones. */
@Component
public class LeadStore {

    static final String INSERT = """
            insert into lead (member_id, text, photo_url, location, area_path) values (?, ?, ?, st_setsrid(st_makepoint(?, ?), 4326), ?)
            returning id""";

    static final String LIST = """
            select l.id, m.name, l.text, l.photo_url, st_x(l.location), st_y(l.location), l.status, l.created_at
            from lead l join member m on m.id = l.member_id
            where cast(:area as bigint) is null or cast(:area as bigint) = any(l.area_path) order by l.created_at desc limit 500""";

    private final JdbcClient jdbc;

    public LeadStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lead as police and the command center read it; {@code member} is the sender's name. */
    public record LeadView(long id, String member, String text, String photoUrl, double lon, double lat, String status, Instant createdAt) {
    }

    /** Stores a lead at a place (WGS-84) with the area path it is seen from; returns its id. */
    public long insert(long memberId, String text, String photoUrl, double lon, double lat, List<Long> areaPath) {
        return jdbc.sql(INSERT).params(memberId, text, photoUrl, lon, lat, areaPath.toArray(Long[]::new)).query(Long.class).single();
    }

    /** The latest 500 leads inside the area (all when null), newest first. */
    public List<LeadView> list(Long areaId) {
        return jdbc.sql(LIST).param("area", areaId)
                .query((rs, i) -> new LeadView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6),
                        rs.getString(7), rs.getTimestamp(8).toInstant()))
                .list();
    }
}
