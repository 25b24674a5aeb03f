package org.redwhistle.api.demo.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The demo's writes into other features' tables ({@code zone}, {@code member}, {@code tour},
 * {@code tour_checkpoint}) and its one read of {@code audit_log}. Those features have no API for
 * creating these rows (their operators draw zones and tours on the map), and seed data is written
 * once, idempotently, before anything runs on it; so the statements are here, in one place, rather
 * than spread over the seeding code.
 */
@Repository
class DemoSeeds {

    private static final String ZONE = """
            insert into zone (code, name, kind, area_id, geom, schedule)
            values (?, ?, ?, ?, st_setsrid(st_geomfromgeojson(?), 4326), cast(? as jsonb)) on conflict (code) do nothing""";
    private static final String MEMBER = """
            insert into member (name, role, affiliation, area_id, user_id, device_id, state, location, located_at)
            select display_name, :role, :affiliation, :area, id, :device, 'AVAILABLE',
                   case when cast(:lon as float8) is null then null else st_setsrid(st_makepoint(:lon, :lat), 4326) end,
                   case when cast(:lon as float8) is null then null else now() end
            from app_user where id = :user
            on conflict (user_id) do nothing""";
    private static final String TOUR = """
            insert into tour (code, name, area_id, window_from, window_to, interval_min, round_min, radius_m, member_id)
            values (?, ?, ?, '00:00', '00:00', ?, ?, ?, ?) returning id""";
    private static final String CHECKPOINT = """
            insert into tour_checkpoint (tour_id, seq, code, name, location) values (?, ?, ?, ?, st_setsrid(st_makepoint(?, ?), 4326))""";

    private final JdbcClient jdbc;

    DemoSeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void zone(String code, String name, String kind, long areaId, String geojson, String schedule) {
        jdbc.sql(ZONE).params(code, name, kind, areaId, geojson, schedule).update();
    }

    /** A responder for a user, carrying a device or placed at {@code lon, lat} (both null: not located yet). */
    void member(long userId, String role, String affiliation, long areaId, String deviceId, Double lon, Double lat) {
        jdbc.sql(MEMBER).param("role", role).param("affiliation", affiliation).param("area", areaId).param("user", userId)
                .param("device", deviceId).param("lon", lon).param("lat", lat).update();
    }

    /**
     * A responder with no account (a 平安联盟 member who does not sign in), off duty and not located; found by name
     * in the area when it exists. Returns its id.
     */
    long memberWithoutAccount(String name, String role, String affiliation, long areaId) {
        return jdbc.sql("select id from member where name = ? and area_id = ? and user_id is null order by id limit 1").params(name, areaId)
                .query(Long.class).optional()
                .orElseGet(() -> jdbc.sql("insert into member (name, role, affiliation, area_id, state) values (?, ?, ?, ?, 'OFF_DUTY') returning id")
                        .params(name, role, affiliation, areaId).query(Long.class).single());
    }

    Long tourId(String code) {
        return jdbc.sql("select id from tour where code = ?").param(code).query(Long.class).optional().orElse(null);
    }

    boolean tourExists(String code) {
        return jdbc.sql("select count(*) from tour where code = ?").param(code).query(Long.class).single() > 0;
    }

    Long memberCarrying(String deviceId) {
        return jdbc.sql("select id from member where device_id = ?").param(deviceId).query(Long.class).optional().orElse(null);
    }

    /** A round-the-clock tour: a round every {@code intervalMin}, each within {@code roundMin}, checkpoints within {@code radiusM}. */
    long tour(String code, String name, long areaId, int intervalMin, int roundMin, int radiusM, Long memberId) {
        return jdbc.sql(TOUR).params(code, name, areaId, intervalMin, roundMin, radiusM, memberId).query(Long.class).single();
    }

    void checkpoint(long tourId, int seq, String code, String name, double lon, double lat) {
        jdbc.sql(CHECKPOINT).params(tourId, seq, code, name, lon, lat).update();
    }

    boolean historyReplayed() {
        return jdbc.sql("select count(*) from audit_log where action = 'demo.history'").query(Long.class).single() > 0;
    }
}
