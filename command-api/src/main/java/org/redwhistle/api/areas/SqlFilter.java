package org.redwhistle.api.areas;

import java.util.HashMap;
import java.util.Map;

/**
 * The WHERE clause of an area-scoped list query, built from optional filters: only the filters
 * given take part, and every value is a named parameter.
 */
public final class SqlFilter {

    private final StringBuilder where = new StringBuilder(" where true");
    private final Map<String, Object> params = new HashMap<>();

    /** Rows whose area path (ancestor ids) contains {@code areaId}; no-op when null. */
    public SqlFilter inArea(String pathColumn, String name, Long areaId) {
        if (areaId != null) {
            where.append(" and ").append(pathColumn).append(" @> array[cast(:").append(name).append(" as bigint)]");
            params.put(name, areaId);
        }
        return this;
    }

    /** Rows whose point lies in {@code bbox} (minLon, minLat, maxLon, maxLat); no-op when null. */
    public SqlFilter inBox(String geometryColumn, double[] bbox) {
        if (bbox != null) {
            where.append(" and ").append(geometryColumn).append(" && st_makeenvelope(:x0, :y0, :x1, :y1, 4326)");
            params.put("x0", bbox[0]);
            params.put("y0", bbox[1]);
            params.put("x1", bbox[2]);
            params.put("y1", bbox[3]);
        }
        return this;
    }

    /** Adds {@code condition} (which names {@code :name}) when {@code value} is present. */
    public SqlFilter and(String condition, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(condition);
            params.put(name, value);
        }
        return this;
    }

    /** A parameter used outside the WHERE clause (e.g. {@code limit}). */
    public SqlFilter param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    public String where() {
        return where.toString();
    }

    public Map<String, Object> params() {
        return params;
    }
}
