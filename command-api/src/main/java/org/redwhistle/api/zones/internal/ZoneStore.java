package org.redwhistle.api.zones.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements on the zones feature's tables {@code zone} and {@code zone_presence} (the
 * activity log is {@link ZoneActivity}'s). The geo engine's {@code ZoneDirectory} reads
 * {@code zone} too, and follows changes through {@code ZonesChanged}.
 */
@Component
public class ZoneStore {

    static final String GEOMETRIES = "select id, st_asgeojson(geom, 7) from zone order by id";

    static final String COUNT_CODE = "select count(*) from zone where code = ?";

    static final String INSERT = """
            insert into zone (code, name, kind, area_id, geom, arming, schedule)
            values (?, ?, ?, ?, st_setsrid(st_geomfromgeojson(?), 4326), ?, cast(? as jsonb)) returning id""";

    static final String UPDATE = """
            update zone set name = coalesce(?, name), arming = coalesce(?, arming), schedule = coalesce(cast(? as jsonb), schedule),
                geom = coalesce(st_setsrid(st_geomfromgeojson(?), 4326), geom), updated_at = now() where id = ?""";

    /** PostGIS's verdict on a GeoJSON geometry; touches no table. */
    static final String VALIDITY = "select st_isvalidreason(st_geomfromgeojson(?))";

    static final String PRESENCE = "select subject, zone_id from zone_presence";

    static final String ENTER = "insert into zone_presence (subject, zone_id, since) values (?, ?, ?) on conflict do nothing";

    static final String EXIT = "delete from zone_presence where subject = ? and zone_id = ?";

    private final JdbcClient jdbc;

    public ZoneStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each zone's geometry as GeoJSON text (7 decimals), by zone id. */
    public Map<Long, String> geometries() {
        Map<Long, String> out = new LinkedHashMap<>();
        jdbc.sql(GEOMETRIES).query(rs -> {
            out.put(rs.getLong(1), rs.getString(2));
        });
        return out;
    }

    public boolean codeTaken(String code) {
        return jdbc.sql(COUNT_CODE).param(code).query(Long.class).single() > 0;
    }

    /** A new zone; {@code geometry} is GeoJSON text (WGS-84), {@code schedule} the arming windows as JSON text. Returns its id. */
    public long insert(String code, String name, String kind, long areaId, String geometry, String arming, String schedule) {
        return jdbc.sql(INSERT).params(code, name, kind, areaId, geometry, arming, schedule).query(Long.class).single();
    }

    /** Changes a zone; null arguments leave their column as it is. */
    public void update(long id, String name, String arming, String schedule, String geometry) {
        jdbc.sql(UPDATE).params(name, arming, schedule, geometry, id).update();
    }

    /** {@code "Valid Geometry"} or why not; throws if the text is not readable GeoJSON. */
    public String validityReason(String geoJson) {
        return jdbc.sql(VALIDITY).param(geoJson).query(String.class).single();
    }

    /** Every subject (a {@code member:} or {@code device:} key) and a restricted area it is inside. */
    public void presence(BiConsumer<String, Long> inside) {
        jdbc.sql(PRESENCE).query(rs -> {
            inside.accept(rs.getString(1), rs.getLong(2));
        });
    }

    public void entered(String subject, long zoneId, Instant since) {
        jdbc.sql(ENTER).params(subject, zoneId, Timestamp.from(since)).update();
    }

    public void exited(String subject, long zoneId) {
        jdbc.sql(EXIT).params(subject, zoneId).update();
    }
}
