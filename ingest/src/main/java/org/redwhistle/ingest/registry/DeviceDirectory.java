package org.redwhistle.ingest.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.devices.contract.DeviceKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Registered devices by id for the hot path; a miss reads the registry, a change evicts. */
@Component
public class DeviceDirectory {

    private final JdbcClient jdbc;
    private final Map<String, RegisteredDevice> cache = new ConcurrentHashMap<>();

    public DeviceDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RegisteredDevice> find(String id) {
        RegisteredDevice d = cache.get(id);
        if (d != null) {
            return Optional.of(d);
        }
        Optional<RegisteredDevice> loaded = jdbc.sql("""
                select d.id, d.kind, d.area_id, st_x(d.location) lon, st_y(d.location) lat, d.state,
                       coalesce(k.area_id,
                                (select c.id from area r join area c on c.id = any(r.path) and c.level = 'COMMUNITY' where r.id = d.area_id),
                                d.area_id) permitted_area_id
                from device d left join provisioning_key k on k.id = d.provisioning_key_id where d.id = :id""")
                .param("id", id)
                .query((rs, i) -> new RegisteredDevice(rs.getString("id"),
                        DeviceKind.fromWire(rs.getString("kind")).orElseThrow(), rs.getLong("area_id"),
                        rs.getDouble("lon"), rs.getDouble("lat"), DeviceState.valueOf(rs.getString("state")),
                        rs.getLong("permitted_area_id")))
                .optional();
        loaded.ifPresent(r -> cache.put(id, r));
        return loaded;
    }

    /**
     * When the platform last heard from any device (their {@code last_seen}, written at most every
     * {@code LivenessProperties.touchInterval} per device); empty if it never did.
     */
    public Optional<Instant> lastHeard() {
        return jdbc.sql("select max(last_seen) from device").query((rs, i) -> rs.getTimestamp(1)).optional()
                .filter(java.util.Objects::nonNull).map(java.sql.Timestamp::toInstant);
    }

    public void evict(String id) {
        cache.remove(id);
    }
}
