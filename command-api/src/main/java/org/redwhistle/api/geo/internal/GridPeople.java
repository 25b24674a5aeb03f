package org.redwhistle.api.geo.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.geo.internal.Located.Worker;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people of a grid chain: each level's duty unit and a grid's workers. This feature owns no
 * table; it reads {@code area} (owned by the geo engine's area import, which stores the duty units
 * and workers given with the areas) and {@code app_user} (owned by the users feature).
 */
@Component
class GridPeople {

    private static final String DUTY_UNITS = "select id, duty_unit from area where id = any(:ids)";
    private static final String IMPORTED_WORKERS = "select workers::text from area where id = :id";
    private static final String WORKER_ACCOUNTS = """
            select display_name, username from app_user where role = 'GRID_WORKER' and enabled and area_id = :area order by id""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    GridPeople(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The duty unit of each of the areas, by area id (absent for an area without one). */
    Map<Long, String> dutyUnits(List<Long> areaIds) {
        Map<Long, String> duty = new HashMap<>();
        jdbc.sql(DUTY_UNITS).param("ids", areaIds.toArray(Long[]::new)).query(rs -> {
            duty.put(rs.getLong(1), rs.getString(2));
        });
        return duty;
    }

    /** The grid's workers as imported with the area, then its GRID_WORKER accounts. */
    List<Worker> workers(long gridId) {
        List<Worker> out = new ArrayList<>();
        String stored = jdbc.sql(IMPORTED_WORKERS).param("id", gridId).query(String.class).optional().orElse("[]");
        for (JsonNode w : json.readTree(stored)) {
            out.add(new Worker(w.path("name").asText(), w.path("phone").isString() ? w.path("phone").asText() : null, null));
        }
        jdbc.sql(WORKER_ACCOUNTS).param("area", gridId).query(rs -> {
            out.add(new Worker(rs.getString(1), null, rs.getString(2)));
        });
        return out;
    }
}
