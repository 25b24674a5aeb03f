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

    /**
     * Grids of very different sizes in cities far apart, overlapping on purpose: every answer equals
     * a brute-force scan (the lowest id among the grids covering the point).
     */
    @Test
    void farApartUnevenAndOverlappingGridsMatchABruteForceScan() {
        java.util.Random rnd = new java.util.Random(8);
        List<GridIndex.Entry> entries = new java.util.ArrayList<>();
        long id = 100;
        for (double[] city : new double[][] {{119.10, 36.70}, {117.00, 36.65}, {121.40, 31.20}}) {
            for (int i = 0; i < 30; i++) {
                for (int j = 0; j < 30; j++) {
                    double x = city[0] + i * 0.003;
                    double y = city[1] + j * 0.003;
                    entries.add(new GridIndex.Entry(id--, box(x, y, x + 0.003 + rnd.nextDouble() * 0.002, y + 0.003)));
                }
            }
        }
        entries.add(new GridIndex.Entry(5, box(116.9, 36.6, 117.2, 36.8)));       // a huge rural grid over the Jinan ones
        entries.add(new GridIndex.Entry(7, Geometries.point(119.145, 36.745).buffer(0.01, 40))); // a large round one
        GridIndex index = new GridIndex(entries);
        for (int i = 0; i < 20_000; i++) {
            double[] city = i % 3 == 0 ? new double[] {119.10, 36.70} : i % 3 == 1 ? new double[] {117.00, 36.65} : new double[] {121.40, 31.20};
            double x = city[0] - 0.02 + rnd.nextDouble() * 0.14;
            double y = city[1] - 0.02 + rnd.nextDouble() * 0.14;
            var p = Geometries.point(x, y);
            long expected = entries.stream().filter(e -> e.geometry().covers(p)).mapToLong(GridIndex.Entry::gridId).min().orElse(-1);
            assertThat(index.locate(x, y)).as("at %f,%f", x, y).isEqualTo(expected);
        }
        assertThat(index.locate(100.0, 30.0)).isEqualTo(-1);
        assertThat(new GridIndex(List.of()).locate(119.1, 36.7)).isEqualTo(-1);
    }
}
