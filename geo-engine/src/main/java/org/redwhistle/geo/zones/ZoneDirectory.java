package org.redwhistle.geo.zones;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.redwhistle.geo.Geometries;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import tools.jackson.databind.json.JsonMapper;

/**
 * Zones in memory: by code (what perimeter alarms report) and, for restricted areas, a spatial
 * index of prepared polygons. Reloaded whole after a local change commits and, like the grid
 * index, when {@code geo_revision('zone')} shows another instance changed them.
 */
@Service
public class ZoneDirectory {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), new STRtree(), -1);

    public ZoneDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Snapshot(Map<String, Zone> byCode, STRtree restricted, long revision) {
    }

    private record Prepared(Zone zone, PreparedGeometry geometry) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        reload();
    }

    @TransactionalEventListener(fallbackExecution = true)
    public void onChanged(ZonesChanged changed) {
        reload();
    }

    // per instance, no cluster lock: this instance's in-memory index (docs/jobs.md)
    @Scheduled(initialDelayString = "${redwhistle.geo.refresh-interval:2s}", fixedDelayString = "${redwhistle.geo.refresh-interval:2s}")
    public void followRevision() {
        if (revision() != snapshot.revision()) {
            reload();
        }
    }

    private long revision() {
        return jdbc.sql("select revision from geo_revision where name = 'zone'").query(Long.class).optional().orElse(0L);
    }

    public synchronized void reload() {
        long revision = revision();
        WKBReader wkb = new WKBReader(Geometries.WGS84);
        Map<String, Zone> byCode = new HashMap<>();
        STRtree tree = new STRtree();
        jdbc.sql("""
                select z.id, z.code, z.name, z.kind, z.area_id, a.path, st_asbinary(z.geom) wkb, z.arming, z.schedule::text schedule
                from zone z join area a on a.id = z.area_id""")
                .query(rs -> {
                    Geometry g;
                    try {
                        g = wkb.read(rs.getBytes("wkb"));
                    } catch (ParseException e) {
                        throw new IllegalStateException("unreadable geometry of zone " + rs.getString("code"), e);
                    }
                    Zone z = new Zone(rs.getLong("id"), rs.getString("code"), rs.getString("name"), Zone.Kind.valueOf(rs.getString("kind")),
                            rs.getLong("area_id"), List.of((Long[]) rs.getArray("path").getArray()), g,
                            new ArmingSchedule(ArmingSchedule.Mode.valueOf(rs.getString("arming")),
                                    ArmingSchedule.parseWindows(json.readTree(rs.getString("schedule")))));
                    byCode.put(z.code(), z);
                    if (z.kind() == Zone.Kind.RESTRICTED) {
                        tree.insert(g.getEnvelopeInternal(), new Prepared(z, PreparedGeometryFactory.prepare(g)));
                    }
                });
        tree.build();
        snapshot = new Snapshot(Map.copyOf(byCode), tree, revision);
    }

    public Optional<Zone> byCode(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(snapshot.byCode().get(code));
    }

    public List<Zone> all() {
        return List.copyOf(snapshot.byCode().values());
    }

    /** The restricted areas covering a point (armed or not). */
    public List<Zone> restrictedAt(double lon, double lat) {
        List<Zone> out = new ArrayList<>();
        Coordinate c = new Coordinate(lon, lat);
        var point = Geometries.WGS84.createPoint(c);
        for (Object o : snapshot.restricted().query(new Envelope(c))) {
            Prepared p = (Prepared) o;
            if (p.geometry().covers(point)) {
                out.add(p.zone());
            }
        }
        return out;
    }
}
