package org.redwhistle.geo;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/** The one geometry factory of the platform: WGS-84 (SRID 4326), x = lon, y = lat. */
public final class Geometries {

    public static final int WGS84_SRID = 4326;
    public static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), WGS84_SRID);

    private Geometries() {
    }

    public static Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(lon, lat));
    }
}
