package org.redwhistle.api.devices.internal;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code device} table as the registry API reads and edits it. Ingest registers devices
 * (self-provisioning) and keeps their liveness; within command-api this feature is the table's
 * owner: every other feature reads devices through {@code CameraCoverage} or the
 * {@code DeviceScope} fragment. The reads join {@code area} (owned by the geo engine's area import)
 * for the area's name and path, and {@code provisioning_key} (owned by ingest's provisioning) for
 * the integrator whose key provisioned the device.
 */
@Component
public class DeviceStore {

    private static final String SELECT = """
            select d.id, d.kind, d.serial, d.national_code, d.name, d.area_id, a.name area_name, st_x(d.location) lon, st_y(d.location) lat,
                   d.state, d.online, d.last_seen, d.firmware, d.attributes::text attributes, d.provisioning_key_id,
                   (select k.owner_id from provisioning_key k where k.id = d.provisioning_key_id) key_owner,
                   st_asgeojson(d.zone, 7) zone
            from device d join area a on a.id = d.area_id
            """;

    /** Null when the GeoJSON is a valid geometry, else why not; fails when PostGIS cannot read it. */
    private static final String ZONE_PROBLEM = """
            select case when not st_isvalid(g) then 'is not a valid geometry: ' || st_isvalidreason(g) end
            from (select st_setsrid(st_geomfromgeojson(:zone), 4326) g) x""";

    /** Every field an edit may change, in one statement; a null parameter keeps the column as it is. */
    private static final String EDIT = """
            update device set
                name = coalesce(cast(:name as text), name),
                firmware = coalesce(cast(:firmware as text), firmware),
                location = case when cast(:lon as float8) is null then location
                                else st_setsrid(st_makepoint(cast(:lon as float8), cast(:lat as float8)), 4326) end,
                area_id = coalesce(cast(:area as bigint), area_id),
                zone = case when not cast(:zoneSet as boolean) then zone
                            when cast(:zone as text) is null then null
                            else st_setsrid(st_geomfromgeojson(cast(:zone as text)), 4326) end,
                attributes = coalesce(cast(:attributes as jsonb), attributes)
            where id = :id""";

    /** Only from the state the caller's permission was checked against: a concurrent DISABLED is not overwritten. */
    private static final String CHANGE_STATE = """
            update device set state = :to, online = case when :to = 'DISABLED' then false else online end
            where id = :id and state = :from""";

    private final JdbcClient jdbc;
    private final RowMapper<DeviceView> mapper;

    public DeviceStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.mapper = (rs, i) -> {
            Timestamp seen = rs.getTimestamp("last_seen");
            return new DeviceView(rs.getString("id"), rs.getString("kind"), rs.getString("serial"), rs.getString("national_code"), rs.getString("name"),
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

    /** Why PostGIS would refuse a guarded zone (GeoJSON geometry), or empty when it is a valid geometry. */
    public Optional<String> zoneProblem(JsonNode zone) {
        try {
            return jdbc.sql(ZONE_PROBLEM).param("zone", zone.toString()).query(String.class).optional();
        } catch (DataAccessException unreadable) {
            return Optional.of("is not readable GeoJSON");
        }
    }

    /**
     * The fields of an edit; null ones stay as they are. {@code zone} is applied only when
     * {@code zoneSet}, a null {@code zone} then removing it; {@code areaId} is the grid of the new place.
     */
    public record Fields(String name, String firmware, Double lon, Double lat, Long areaId, boolean zoneSet, String zone,
            String attributes) {

        boolean changeAnything() {
            return name != null || firmware != null || lon != null || zoneSet || attributes != null;
        }
    }

    public void edit(String id, Fields f) {
        if (!f.changeAnything()) {
            return;
        }
        jdbc.sql(EDIT).param("id", id).param("name", f.name()).param("firmware", f.firmware()).param("lon", f.lon())
                .param("lat", f.lat()).param("area", f.areaId()).param("zoneSet", f.zoneSet()).param("zone", f.zone())
                .param("attributes", f.attributes()).update();
    }

    /** Moves the device from state {@code from} to {@code to}; false when it was no longer in {@code from}. */
    public boolean changeState(String id, String from, DeviceState to) {
        return jdbc.sql(CHANGE_STATE).param("id", id).param("from", from).param("to", to.name()).update() > 0;
    }

    // ---- national codes and the GB/T 28181 catalogue (issue 22) ----

    public Optional<DeviceView> findByNationalCode(String code) {
        return jdbc.sql(SELECT + " where d.national_code = :code").param("code", code).query(mapper).optional();
    }

    /** Whether a device other than {@code exceptId} (null: any) has this serial or id. */
    boolean serialOrIdTaken(String serial, String id) {
        return jdbc.sql("select count(*) from device where serial = :serial or id = :id").param("serial", serial).param("id", id)
                .query(Long.class).single() > 0;
    }

    /** Sets (or, with null, clears) a device's national code; the unique index refuses a code another device has. */
    public void assignNationalCode(String id, String code) {
        jdbc.sql("update device set national_code = :code where id = :id").param("id", id).param("code", code).update();
    }

    /** The cameras that have no national code yet, with their areas, in id order. */
    public List<String[]> camerasWithoutCode() {
        return jdbc.sql("select id, area_id from device where kind = 'camera' and national_code is null order by id")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    /** The highest serial (last 6 digits) among the codes starting with this 14-digit prefix; 0 when none. */
    public int highestSerial(String prefix) {
        return jdbc.sql("select coalesce(max(cast(substring(national_code from 15) as integer)), 0) from device where national_code like :p")
                .param("p", prefix + "%").query(Integer.class).single();
    }

    /** A camera that came from a catalogue: PROVISIONED, offline until it connects; serial and national code its code. */
    void insertCatalogCamera(String id, String code, String name, long areaId, double lon, double lat, String attributes) {
        jdbc.sql("""
                insert into device (id, kind, serial, national_code, name, area_id, location, attributes)
                values (:id, 'camera', :code, :code, :name, :area, st_setsrid(st_makepoint(:lon, :lat), 4326), cast(:attributes as jsonb))""")
                .param("id", id).param("code", code).param("name", name).param("area", areaId).param("lon", lon).param("lat", lat)
                .param("attributes", attributes).update();
    }

    /** A catalogue's update of a camera: name, place and grid, and its {@code attributes.gb28181} replaced. */
    void updateCatalogCamera(String id, String name, long areaId, double lon, double lat, String gb28181) {
        jdbc.sql("""
                update device set name = :name, area_id = :area, location = st_setsrid(st_makepoint(:lon, :lat), 4326),
                    attributes = attributes || jsonb_build_object('gb28181', cast(:gb as jsonb))
                where id = :id""")
                .param("id", id).param("name", name).param("area", areaId).param("lon", lon).param("lat", lat).param("gb", gb28181).update();
    }
}
