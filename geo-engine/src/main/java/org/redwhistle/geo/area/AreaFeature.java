package org.redwhistle.geo.area;

import java.util.List;

import org.locationtech.jts.geom.MultiPolygon;

/**
 * One area read from a GeoJSON Feature: its level, code, name, parent's code, duty unit, grid
 * workers and boundary (WGS-84, rings oriented as RFC 7946 says). {@code index} is its position in
 * the FeatureCollection, so every problem can name it.
 */
public record AreaFeature(int index, AreaLevel level, String code, String name, String parentCode, String dutyUnit,
        List<Worker> workers, MultiPolygon geometry, boolean windingCorrected) {

    /** A person responsible for an area (网格员 for a grid). */
    public record Worker(String name, String phone) {
    }
}
