package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.redwhistle.geo.zones.Zone;
import org.redwhistle.geo.zones.ZoneDirectory;
import org.redwhistle.ingest.analytics.SnapshotAnalysed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * People that OpenCV found on a camera's own snapshot (not one taken to verify an alarm) inside a
 * restricted area that is armed at the time it was taken (the power room at night) raise
 * {@code camera.person.restricted}, verified by that snapshot and linked to it. "Inside" means the
 * camera stands in the area or the middle of its view (half its range along its direction) lies in it.
 */
@Component
public class CameraSightings {

    private static final Logger log = LoggerFactory.getLogger(CameraSightings.class);
    private static final double M_PER_DEG_LAT = 111_320.0;

    private final JdbcClient jdbc;
    private final ZoneDirectory zones;
    private final AlarmService alarms;

    public CameraSightings(JdbcClient jdbc, ZoneDirectory zones, AlarmService alarms) {
        this.jdbc = jdbc;
        this.zones = zones;
        this.alarms = alarms;
    }

    private record Camera(double lon, double lat, Double directionDeg, double fovDeg, double rangeM) {
    }

    @EventListener
    public void on(SnapshotAnalysed s) {
        if (s.alarmId() != null || s.people() == 0) {
            return;
        }
        try {
            Optional<Camera> cam = jdbc.sql("""
                    select st_x(location), st_y(location), (attributes->>'directionDeg')::float8,
                           coalesce((attributes->>'fovDeg')::float8, 360), coalesce((attributes->>'rangeM')::float8, 100)
                    from device where id = ? and kind = 'camera'""").param(s.deviceId())
                    .query((rs, i) -> new Camera(rs.getDouble(1), rs.getDouble(2), (Double) rs.getObject(3), rs.getDouble(4), rs.getDouble(5)))
                    .optional();
            if (cam.isEmpty()) {
                return;
            }
            Camera c = cam.get();
            List<double[]> points = new ArrayList<>();
            points.add(new double[] {c.lon(), c.lat()});
            if (c.directionDeg() != null && c.fovDeg() < 360) {
                double d = c.rangeM() / 2;
                double rad = Math.toRadians(c.directionDeg());
                points.add(new double[] {c.lon() + d * Math.sin(rad) / (M_PER_DEG_LAT * Math.cos(Math.toRadians(c.lat()))),
                        c.lat() + d * Math.cos(rad) / M_PER_DEG_LAT});
            }
            for (double[] p : points) {
                Optional<Zone> armed = zones.restrictedAt(p[0], p[1]).stream().filter(z -> z.isArmed(s.capturedAt())).findFirst();
                if (armed.isPresent()) {
                    Zone z = armed.get();
                    String note = "OpenCV 在摄像机 " + s.deviceId() + " 的快照 #" + s.snapshotId() + " 中发现 " + s.people() + " 人（置信 "
                            + Math.round(s.personScore() * 100) / 100.0 + "），" + z.name() + " 布防中";
                    AlarmView a = alarms.raiseCameraSighting(z.code(), z.name(), s.deviceId(), p[0], p[1], s.capturedAt(), s.snapshotId(), note);
                    log.info("people in restricted area {} seen by {}: alarm {}", z.code(), s.deviceId(), a.id());
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("restricted-area check of snapshot {} from {} failed: {}", s.snapshotId(), s.deviceId(), e.toString());
        }
    }
}
