package org.redwhistle.geo.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.grid.internal.GridIndex;

class GridIndexTest {

    private static Polygon box(double x0, double y0, double x1, double y1) {
        return Geometries.WGS84.createPolygon(new Coordinate[] {
            new Coordinate(x0, y0), new Coordinate(x1, y0), new Coordinate(x1, y1), new Coordinate(x0, y1), new Coordinate(x0, y0)});
    }

    private final GridIndex index = new GridIndex(List.of(
            new GridIndex.Entry(1, box(119.10, 36.70, 119.11, 36.71)),
            new GridIndex.Entry(2, box(119.11, 36.70, 119.12, 36.71))));

    @Test
    void findsTheGridContainingAPoint() {
        assertThat(index.locate(Geometries.point(119.105, 36.705))).contains(1L);
        assertThat(index.locate(Geometries.point(119.115, 36.705))).contains(2L);
    }

    @Test
    void pointOutsideEveryGridHasNone() {
        assertThat(index.locate(Geometries.point(119.20, 36.705))).isEmpty();
        assertThat(index.locate(Geometries.point(119.105, 36.72))).isEmpty();
    }

    @Test
    void sharedBoundaryGoesToTheLowestGridId() {
        assertThat(index.locate(Geometries.point(119.11, 36.705))).contains(1L);
    }

    /**
     * Both point-in-area paths (ray crossings for small polygons, the segment index for large ones)
     * agree with JTS's own covers() on random points, vertices and edge points, holes and
     * multipolygons included.
     */
    @Test
    void agreesWithJtsCoversEverywhereIncludingBoundariesAndHoles() {
        java.util.Random rnd = new java.util.Random(3);
        org.locationtech.jts.geom.Geometry donut = box(119.20, 36.70, 119.30, 36.80).difference(box(119.24, 36.74, 119.26, 36.76));
        org.locationtech.jts.geom.Geometry pair = box(119.40, 36.70, 119.42, 36.72).union(box(119.45, 36.70, 119.47, 36.72));
        org.locationtech.jts.geom.Geometry circle = Geometries.point(119.60, 36.75).buffer(0.04, 64); // 257 vertices: the indexed path
        org.locationtech.jts.geom.Geometry circleWithHole = circle.difference(Geometries.point(119.60, 36.75).buffer(0.01, 32));
        List<org.locationtech.jts.geom.Geometry> shapes = List.of(donut, pair, circleWithHole);
        for (int s = 0; s < shapes.size(); s++) {
            org.locationtech.jts.geom.Geometry g = shapes.get(s);
            GridIndex one = new GridIndex(List.of(new GridIndex.Entry(7, g)));
            List<Coordinate> probes = new java.util.ArrayList<>(List.of(g.getCoordinates()));
            Coordinate[] cs = g.getCoordinates();
            for (int i = 0; i + 1 < cs.length; i++) {
                probes.add(new Coordinate((cs[i].x + cs[i + 1].x) / 2, (cs[i].y + cs[i + 1].y) / 2));
            }
            var env = g.getEnvelopeInternal();
            for (int i = 0; i < 5000; i++) {
                probes.add(new Coordinate(env.getMinX() - 0.01 + rnd.nextDouble() * (env.getWidth() + 0.02),
                        env.getMinY() - 0.01 + rnd.nextDouble() * (env.getHeight() + 0.02)));
            }
            for (Coordinate c : probes) {
                boolean jts = g.covers(Geometries.WGS84.createPoint(c));
                assertThat(one.locate(c.x, c.y) == 7).as("shape %d at %s", s, c).isEqualTo(jts);
            }
        }
    }
}
