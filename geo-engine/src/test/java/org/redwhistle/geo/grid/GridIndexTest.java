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
}
