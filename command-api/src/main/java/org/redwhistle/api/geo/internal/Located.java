package org.redwhistle.api.geo.internal;

import java.util.List;

/**
 * Where a point lies: the point as given, in WGS-84, whether a grid of the platform contains it and
 * whether that grid is inside the caller's area, the chain from the grid up, and the grid's workers
 * (only inside the caller's area).
 */
public record Located(Input input, LonLat wgs84, boolean found, boolean inScope, List<Level> chain, List<Worker> gridWorkers) {

    /** The point as the request gave it, with the coordinate system it was in. */
    public record Input(double lon, double lat, String crs) {
    }

    public record LonLat(double lon, double lat) {
    }

    /** One level of the chain and, inside the caller's area, its duty unit. */
    public record Level(long id, String level, String code, String name, String dutyUnit) {
    }

    /** A grid worker: as imported with the area (name, phone) or an account (name, username). */
    public record Worker(String name, String phone, String username) {
    }
}
