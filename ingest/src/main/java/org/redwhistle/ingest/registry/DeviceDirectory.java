package org.redwhistle.ingest.registry;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.devices.contract.DeviceKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Registered devices by id for the hot path; a miss reads the registry, a change made here evicts.
 * A change made on another instance (its API, its provisioning) reaches this cache through
 * {@code geo_revision('device')}, which a trigger bumps when a device's kind, area, place, state or
 * provisioning key changes (and {@code 'area'}, as areas decide where a device may report from):
 * {@link #followRevision} empties the cache within {@code redwhistle.geo.refresh-interval}.
 */
@Component
public class DeviceDirectory {

    private final JdbcClient jdbc;
    private final Map<String, RegisteredDevice> cache = new ConcurrentHashMap<>();
    /** Bumped whenever the cache is emptied: a read that began before is not cached (it may be stale). */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile long revision = -1;

    public DeviceDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RegisteredDevice> find(String id) {
        RegisteredDevice d = cache.get(id);
        if (d != null) {
            return Optional.of(d);
        }
        long readIn = generation.get();
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
        loaded.ifPresent(r -> {
            cache.put(id, r);
            if (generation.get() != readIn) {
                cache.remove(id, r);
            }
        });
        return loaded;
    }

    /**
     * The broker of the pool the device was assigned when it was provisioned; empty for a device without one
     * (it belongs to the pool's first broker). Read each time, not cached: only commands ask.
     */
    public Optional<String> brokerOf(String id) {
        return jdbc.sql("select broker_id from device where id = :id").param("id", id).query((rs, i) -> Optional.ofNullable(rs.getString(1)))
                .optional().flatMap(b -> b);
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

    /** Follows device and area changes committed by any instance (or straight in the database). */
    // per instance, no cluster lock: this instance's cache (docs/jobs.md)
    @Scheduled(initialDelayString = "${redwhistle.geo.refresh-interval:2s}", fixedDelayString = "${redwhistle.geo.refresh-interval:2s}")
    public void followRevision() {
        long now = jdbc.sql("select coalesce(sum(revision), 0) from geo_revision where name in ('device', 'area')").query(Long.class).single();
        if (now != revision) {
            revision = now;
            generation.incrementAndGet();
            cache.clear();
        }
    }
}
