package org.redwhistle.api.alarms;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The read side of alarms: views joined with their device and grid, filtered inside a scope. */
@Component
public class AlarmQueries {

    private static final String SELECT = """
            select a.id, a.type, a.severity, a.status, a.title, a.device_id, d.name device_name, d.kind device_kind,
                   a.zone_id, st_x(a.location) lon, st_y(a.location) lat, a.grid_id, g.name grid_name, a.area_path,
                   a.count, a.first_seen_at, a.last_seen_at, a.event_msg_id
            from alarm a left join device d on d.id = a.device_id left join area g on g.id = a.grid_id
            """;

    private final JdbcClient jdbc;

    public AlarmQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to list. {@code scopeAreaId} null means everywhere (ADMIN); every other filter is optional. */
    public record Filter(Long scopeAreaId, List<AlarmStatus> statuses, Long areaId, double[] bbox, Instant since, int limit) {
    }

    public Optional<AlarmView> find(long id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(AlarmQueries::view).optional();
    }

    public List<AlarmView> list(Filter f) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> p = new HashMap<>();
        if (f.scopeAreaId() != null) {
            where.append(" and a.area_path @> array[cast(:scope as bigint)]");
            p.put("scope", f.scopeAreaId());
        }
        if (f.areaId() != null) {
            where.append(" and a.area_path @> array[cast(:area as bigint)]");
            p.put("area", f.areaId());
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            where.append(" and a.status in (:statuses)");
            p.put("statuses", f.statuses().stream().map(Enum::name).toList());
        }
        if (f.bbox() != null) {
            where.append(" and a.location && st_makeenvelope(:x0, :y0, :x1, :y1, 4326)");
            p.put("x0", f.bbox()[0]);
            p.put("y0", f.bbox()[1]);
            p.put("x1", f.bbox()[2]);
            p.put("y1", f.bbox()[3]);
        }
        if (f.since() != null) {
            where.append(" and a.last_seen_at >= :since");
            p.put("since", Timestamp.from(f.since()));
        }
        p.put("limit", f.limit());
        return jdbc.sql(SELECT + where + " order by a.last_seen_at desc, a.id desc limit :limit")
                .params(p).query(AlarmQueries::view).list();
    }

    private static AlarmView view(ResultSet rs, int row) throws SQLException {
        Array path = rs.getArray("area_path");
        List<Long> areaPath = path == null ? List.of() : Arrays.asList((Long[]) path.getArray());
        return new AlarmView(rs.getLong("id"), rs.getString("type"), AlarmSeverity.valueOf(rs.getString("severity")),
                AlarmStatus.valueOf(rs.getString("status")), rs.getString("title"), rs.getString("device_id"),
                rs.getString("device_name"), rs.getString("device_kind"), rs.getString("zone_id"),
                rs.getDouble("lon"), rs.getDouble("lat"), (Long) rs.getObject("grid_id"), rs.getString("grid_name"),
                areaPath, rs.getInt("count"), rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(), rs.getString("event_msg_id"));
    }
}
