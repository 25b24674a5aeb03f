package org.redwhistle.api.devices;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Devices inside a scope, with filters. */
@Component
public class DeviceQueries {

    private static final String SELECT = """
            select d.id, d.kind, d.serial, d.name, d.area_id, a.name area_name, st_x(d.location) lon, st_y(d.location) lat,
                   d.state, d.online, d.last_seen, d.firmware, d.attributes::text attributes
            from device d join area a on a.id = d.area_id
            """;

    private final JdbcClient jdbc;
    private final RowMapper<DeviceView> mapper;

    public DeviceQueries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.mapper = (rs, i) -> {
            Timestamp seen = rs.getTimestamp("last_seen");
            return new DeviceView(rs.getString("id"), rs.getString("kind"), rs.getString("serial"), rs.getString("name"),
                    rs.getLong("area_id"), rs.getString("area_name"), rs.getDouble("lon"), rs.getDouble("lat"),
                    rs.getString("state"), rs.getBoolean("online"), seen == null ? null : seen.toInstant(),
                    rs.getString("firmware"), json.readTree(rs.getString("attributes")));
        };
    }

    /** {@code scopeAreaId} null means everywhere. */
    public record Filter(Long scopeAreaId, String kind, String state, Long areaId, double[] bbox, int limit) {
    }

    public List<DeviceView> list(Filter f) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> p = new HashMap<>();
        if (f.scopeAreaId() != null) {
            where.append(" and a.path @> array[cast(:scope as bigint)]");
            p.put("scope", f.scopeAreaId());
        }
        if (f.areaId() != null) {
            where.append(" and a.path @> array[cast(:area as bigint)]");
            p.put("area", f.areaId());
        }
        if (f.kind() != null) {
            where.append(" and d.kind = :kind");
            p.put("kind", f.kind());
        }
        if (f.state() != null) {
            where.append(" and d.state = :state");
            p.put("state", f.state());
        }
        if (f.bbox() != null) {
            where.append(" and d.location && st_makeenvelope(:x0, :y0, :x1, :y1, 4326)");
            p.put("x0", f.bbox()[0]);
            p.put("y0", f.bbox()[1]);
            p.put("x1", f.bbox()[2]);
            p.put("y1", f.bbox()[3]);
        }
        p.put("limit", f.limit());
        return jdbc.sql(SELECT + where + " order by d.kind, d.id limit :limit").params(p).query(mapper).list();
    }

    public Optional<DeviceView> find(String id) {
        return jdbc.sql(SELECT + " where d.id = :id").param("id", id).query(mapper).optional();
    }
}
