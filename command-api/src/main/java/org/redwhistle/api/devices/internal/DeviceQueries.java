package org.redwhistle.api.devices.internal;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.areas.SqlFilter;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Devices inside a scope, with filters. */
@Component
public class DeviceQueries {

    private static final String SELECT = """
            select d.id, d.kind, d.serial, d.name, d.area_id, a.name area_name, st_x(d.location) lon, st_y(d.location) lat,
                   d.state, d.online, d.last_seen, d.firmware, d.attributes::text attributes, d.provisioning_key_id,
                   (select k.owner_id from provisioning_key k where k.id = d.provisioning_key_id) key_owner,
                   st_asgeojson(d.zone, 7) zone
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
                    rs.getString("firmware"), json.readTree(rs.getString("attributes")),
                    rs.getString("zone") == null ? null : json.readTree(rs.getString("zone")), rs.getString("provisioning_key_id"),
                    (Long) rs.getObject("key_owner"));
        };
    }

    /**
     * {@code scopeAreaId} null means everywhere; {@code keyOwnerId}, when set, keeps only devices
     * provisioned with that user's keys (what an integrator sees).
     */
    public record Filter(Long scopeAreaId, Long keyOwnerId, String kind, String state, Long areaId, double[] bbox, int limit) {
    }

    public List<DeviceView> list(Filter f) {
        SqlFilter q = new SqlFilter()
                .inArea("a.path", "scope", f.scopeAreaId())
                .inArea("a.path", "area", f.areaId())
                .and("d.provisioning_key_id in (select k.id from provisioning_key k where k.owner_id = :owner)", "owner", f.keyOwnerId())
                .and("d.kind = :kind", "kind", f.kind())
                .and("d.state = :state", "state", f.state())
                .inBox("d.location", f.bbox())
                .param("limit", f.limit());
        return jdbc.sql(SELECT + q.where() + " order by d.kind, d.id limit :limit").params(q.params()).query(mapper).list();
    }

    public Optional<DeviceView> find(String id) {
        return jdbc.sql(SELECT + " where d.id = :id").param("id", id).query(mapper).optional();
    }
}
