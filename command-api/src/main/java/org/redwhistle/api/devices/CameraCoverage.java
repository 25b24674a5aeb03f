package org.redwhistle.api.devices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.geo.coverage.FieldOfView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which cameras see a point, nearest first: PostGIS narrows to enabled cameras within the longest
 * possible range (5 km), the geo engine's field-of-view rule decides. Cameras without a configured
 * view ({@code attributes.directionDeg/fovDeg/rangeM}) are treated as domes seeing 100 m all round.
 */
@Component
public class CameraCoverage {

    static final double MAX_RANGE_M = 5000;
    static final double DEFAULT_RANGE_M = 100;

    /**
     * Enabled cameras within {@code :max} metres of the point; {@code :deg} is a box around the point in degrees
     * that holds that circle, for the geometry index. Reads {@code device}, owned by this feature (its store is
     * {@code devices.internal.DeviceStore}); kept here because the statement serves only this question.
     */
    private static final String NEAR_CAMERAS = """
            select id, name, st_x(location) lon, st_y(location) lat, area_id, online,
                   coalesce((attributes->>'directionDeg')::float8, 0) dir,
                   coalesce((attributes->>'fovDeg')::float8, 360) fov,
                   coalesce((attributes->>'rangeM')::float8, :def) range
            from device
            where kind = 'camera' and state <> 'DISABLED'
              and location && st_expand(st_setsrid(st_makepoint(:lon, :lat), 4326), :deg)
              and st_dwithin(location::geography, st_setsrid(st_makepoint(:lon, :lat), 4326)::geography, :max)""";

    private final JdbcClient jdbc;

    public CameraCoverage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A camera seeing the point, as the API shows it. */
    public record Seen(String deviceId, String name, double distanceM, double bearingDeg, double directionDeg, double fovDeg,
            double rangeM, boolean online) {
    }

    public List<Seen> covering(double lon, double lat, LongPredicate areaAllowed) {
        List<FieldOfView.Camera> cameras = new ArrayList<>();
        Map<String, Boolean> online = new HashMap<>();
        jdbc.sql(NEAR_CAMERAS)
                .param("lon", lon).param("lat", lat).param("max", MAX_RANGE_M).param("def", DEFAULT_RANGE_M)
                // a box around the point on the geometry index first (the geography cast alone would scan every device)
                .param("deg", MAX_RANGE_M / (Ellipsoid.MIN_M_PER_DEG_LAT * Math.max(0.05, Math.cos(Math.toRadians(Math.abs(lat))))))
                .query(rs -> {
                    if (areaAllowed.test(rs.getLong("area_id"))) {
                        cameras.add(new FieldOfView.Camera(rs.getString("id"), rs.getString("name"), rs.getDouble("lon"), rs.getDouble("lat"),
                                rs.getDouble("dir"), rs.getDouble("fov"), rs.getDouble("range")));
                        online.put(rs.getString("id"), rs.getBoolean("online"));
                    }
                });
        List<Seen> out = new ArrayList<>();
        for (FieldOfView.Sighting s : FieldOfView.covering(cameras, lon, lat)) {
            FieldOfView.Camera c = s.camera();
            out.add(new Seen(c.id(), c.name(), Math.round(s.distanceM() * 10) / 10.0, Math.round(s.bearingDeg() * 10) / 10.0,
                    c.directionDeg(), c.fovDeg(), c.rangeM(), online.get(c.id())));
        }
        return out;
    }
}
