package org.redwhistle.ingest.registry;

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
                select id, kind, area_id, st_x(location) lon, st_y(location) lat, state from device where id = :id""")
                .param("id", id)
                .query((rs, i) -> new RegisteredDevice(rs.getString("id"),
                        DeviceKind.fromWire(rs.getString("kind")).orElseThrow(), rs.getLong("area_id"),
                        rs.getDouble("lon"), rs.getDouble("lat"), DeviceState.valueOf(rs.getString("state"))))
                .optional();
        loaded.ifPresent(r -> cache.put(id, r));
        return loaded;
    }

    public void evict(String id) {
        cache.remove(id);
    }
}
