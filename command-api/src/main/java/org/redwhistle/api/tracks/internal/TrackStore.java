package org.redwhistle.api.tracks.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements of track replay. This feature owns no table: it reads {@code member} and
 * {@code member_position} (owned by the members feature), {@code app_user} (the users feature's),
 * {@code area} (the geo engine's), and {@code device} and {@code device_position} (the devices
 * feature's, written by ingest).
 */
@Component
class TrackStore {

    /** Members named by numeric id, username or carried terminal; with {@code :own} only the caller's own member. */
    private static final String MEMBERS = """
            select m.id, a.path from member m join area a on a.id = m.area_id left join app_user u on u.id = m.user_id
            where (m.id::text = :m or u.username = :m or m.device_id = :m) and (not :own or m.user_id = :uid)""";

    /** Patrol terminals: the id itself or any naming the member, the one a member carries, the caller's own. */
    private static final String TERMINALS = """
            select d.id, d.area_id from device d
            where d.kind = 'patrol_terminal' and (
                (not :own and (d.id = :m or d.attributes->>'member' = :m))
                or (cardinality(:members) > 0 and :own and d.attributes->>'member' = (select username from app_user where id = :uid))
                or d.id in (select device_id from member where id = any(:members)))
            order by d.id""";

    /** The terminals' positions and the members' phone positions in the window, oldest first. */
    private static final String POSITIONS = """
            select lon, lat, ts, speed, src from (
                select st_x(location) lon, st_y(location) lat, ts, speed_mps speed, device_id src from device_position
                where device_id = any(:ids) and ts >= :from and ts < :to
                union all
                select st_x(location), st_y(location), ts, null::real, 'phone' from member_position
                where member_id = any(:members) and ts >= :from and ts < :to) p
            order by ts""";

    /** The source of a phone's fix (a terminal's fix names the terminal). */
    static final String PHONE = "phone";

    private final JdbcClient jdbc;

    TrackStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A member and the area path (ancestors and self) it belongs to. */
    record Member(long id, List<Long> areaPath) {
    }

    /** A patrol terminal and its area. */
    record Terminal(String id, long areaId) {
    }

    /** One position: WGS-84, when (epoch ms), speed if the terminal reported one, and its source (terminal id or "phone"). */
    record Point(double lon, double lat, long timeMs, Float speedMps, String source) {
    }

    List<Member> members(String memberId, boolean own, long userId) {
        return jdbc.sql(MEMBERS).param("m", memberId).param("own", own).param("uid", userId)
                .query((rs, i) -> new Member(rs.getLong(1), List.of((Long[]) rs.getArray(2).getArray()))).list();
    }

    List<Terminal> terminals(String memberId, boolean own, long userId, List<Long> members) {
        return jdbc.sql(TERMINALS).param("m", memberId).param("own", own).param("uid", userId)
                .param("members", members.toArray(Long[]::new))
                .query((rs, i) -> new Terminal(rs.getString(1), rs.getLong(2))).list();
    }

    List<Point> positions(List<String> terminals, List<Long> members, Instant from, Instant to) {
        List<Point> out = new ArrayList<>();
        jdbc.sql(POSITIONS)
                .param("ids", terminals.toArray(String[]::new))
                .param("members", members.toArray(Long[]::new))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    float speed = rs.getFloat(4);
                    Float sp = rs.wasNull() ? null : speed;
                    out.add(new Point(rs.getDouble(1), rs.getDouble(2), rs.getTimestamp(3).getTime(), sp, rs.getString(5)));
                });
        return out;
    }
}
