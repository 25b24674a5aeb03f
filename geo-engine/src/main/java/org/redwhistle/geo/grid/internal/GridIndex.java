package org.redwhistle.geo.grid.internal;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.algorithm.RayCrossingCounter;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.index.ItemVisitor;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable point-in-grid index: a JTS STRtree over the grids' envelopes, and per grid an exact
 * point-in-area test: a ray-crossing count over the rings for small polygons, the segment-indexed
 * locator that JTS's prepared polygons use for large ones.
 * Built whole and swapped in whole, so a lookup never sees a half-built one. The lookup allocates
 * nothing but its query envelope: no Point, no result list.
 */
public final class GridIndex {

    private final STRtree tree = new STRtree();
    private final int size;

    /** Up to this many vertices a ray-crossing test over the rings beats the segment index. */
    static final int SMALL_POLYGON_VERTICES = 64;

    public GridIndex(List<Entry> grids) {
        for (Entry g : grids) {
            PointInArea test;
            if (g.geometry().getNumPoints() <= SMALL_POLYGON_VERTICES) {
                test = new RingCrossings(g.geometry());
            } else {
                IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(g.geometry());
                locator.locate(g.geometry().getCoordinate()); // builds its segment index now, not on the first lookup
                test = c -> locator.locate(c) != Location.EXTERIOR;
            }
            tree.insert(g.geometry().getEnvelopeInternal(), new Prepared(g.gridId(), g.geometry().getEnvelopeInternal(), test));
        }
        tree.build();
        size = grids.size();
    }

    public int size() {
        return size;
    }

    /** The grid whose polygon covers the point (boundary included); the lowest id wins on overlap. */
    public Optional<Long> locate(Point p) {
        long id = locate(p.getX(), p.getY());
        return id < 0 ? Optional.empty() : Optional.of(id);
    }

    /** As {@link #locate(Point)}, without allocating: the grid id, or -1. */
    public long locate(double lon, double lat) {
        Finder f = new Finder(new Coordinate(lon, lat));
        tree.query(new Envelope(lon, lon, lat, lat), f);
        return f.found;
    }

    /** One grid to index. */
    public record Entry(long gridId, Geometry geometry) {
    }

    private record Prepared(long gridId, Envelope envelope, PointInArea test) {
    }

    /** Whether an area covers a point (boundary included). */
    private interface PointInArea {
        boolean covers(Coordinate c);
    }

    /** Ray crossing straight over the rings of a small (multi)polygon, as JTS's simple locator does, minus its allocations. */
    private static final class RingCrossings implements PointInArea {
        private final Coordinate[][] shells;
        private final Coordinate[][][] holes;

        RingCrossings(Geometry g) {
            int n = g.getNumGeometries();
            shells = new Coordinate[n][];
            holes = new Coordinate[n][][];
            for (int i = 0; i < n; i++) {
                Polygon p = (Polygon) g.getGeometryN(i);
                shells[i] = p.getExteriorRing().getCoordinates();
                holes[i] = new Coordinate[p.getNumInteriorRing()][];
                for (int h = 0; h < holes[i].length; h++) {
                    holes[i][h] = p.getInteriorRingN(h).getCoordinates();
                }
            }
        }

        @Override
        public boolean covers(Coordinate c) {
            for (int i = 0; i < shells.length; i++) {
                int shell = RayCrossingCounter.locatePointInRing(c, shells[i]);
                if (shell == Location.EXTERIOR) {
                    continue;
                }
                if (shell == Location.BOUNDARY) {
                    return true;
                }
                boolean inHole = false;
                for (Coordinate[] hole : holes[i]) {
                    int h = RayCrossingCounter.locatePointInRing(c, hole);
                    if (h == Location.BOUNDARY) {
                        return true;
                    }
                    if (h == Location.INTERIOR) {
                        inHole = true;
                        break;
                    }
                }
                if (!inHole) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Finder implements ItemVisitor {
        private final Coordinate c;
        private long found = -1;

        Finder(Coordinate c) {
            this.c = c;
        }

        @Override
        public void visitItem(Object item) {
            Prepared g = (Prepared) item;
            if ((found < 0 || g.gridId() < found) && g.envelope().covers(c) && g.test().covers(c)) {
                found = g.gridId();
            }
        }
    }
}
