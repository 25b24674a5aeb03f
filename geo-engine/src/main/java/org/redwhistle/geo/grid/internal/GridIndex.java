package org.redwhistle.geo.grid.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.locationtech.jts.algorithm.CGAlgorithmsDD;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * An immutable point-in-grid index. A uniform bucket grid over the extent of all grids (about one
 * bucket per grid, stored flat: bucket → candidate grids, sorted by id) finds the few grids whose
 * envelope may hold the point; an exact point-in-area test decides: a ray-crossing count over the
 * rings for small polygons, the segment-indexed locator that JTS's prepared polygons use for large
 * ones. Built whole and swapped in whole, so a lookup never sees a half-built one. A lookup
 * allocates nothing.
 *
 * <p>(The first version used a JTS STRtree for the candidate search; the bucket grid answers the
 * same question in one array access instead of a tree walk, which was most of the lookup time.)
 */
public final class GridIndex {

    /** Up to this many vertices a ray-crossing test over the rings beats the segment index. */
    static final int SMALL_POLYGON_VERTICES = 64;
    /** Memory bound: at most this many buckets, whatever the extent. */
    static final int MAX_BUCKETS = 1 << 22;

    private final Prepared[] grids;
    /** per grid, in id order: its envelope and, for a simple polygon (one shell, no holes, few vertices),
     * where its ring lies in {@link #coords}; -1 when the grid needs its {@link PointInArea} object */
    private final double[] env;
    private final int[] ringStart;
    private final int[] ringEnd;
    private final double[] coords;
    private final double minX, minY, cellW, cellH;
    private final int nx, ny;
    private final int[] bucketStart;
    private final int[] bucketItems;

    public GridIndex(List<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::gridId)); // candidates in id order: the first hit is the lowest id
        grids = new Prepared[sorted.size()];
        env = new double[sorted.size() * 4];
        ringStart = new int[sorted.size()];
        ringEnd = new int[sorted.size()];
        double[] flat = new double[1024];
        int used = 0;
        Envelope extent = new Envelope();
        for (int i = 0; i < grids.length; i++) {
            Geometry g = sorted.get(i).geometry();
            PointInArea test;
            if (g.getNumPoints() <= SMALL_POLYGON_VERTICES) {
                test = new RingCrossings(g);
            } else {
                IndexedPointInAreaLocator locator = new IndexedPointInAreaLocator(g);
                locator.locate(g.getCoordinate()); // builds its segment index now, not on the first lookup
                test = c -> locator.locate(c) != Location.EXTERIOR;
            }
            Envelope e = g.getEnvelopeInternal();
            grids[i] = new Prepared(sorted.get(i).gridId(), e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY(), test);
            env[4 * i] = e.getMinX();
            env[4 * i + 1] = e.getMinY();
            env[4 * i + 2] = e.getMaxX();
            env[4 * i + 3] = e.getMaxY();
            ringStart[i] = -1;
            Polygon simple = simplePolygon(g);
            if (simple != null) {
                Coordinate[] cs = simple.getExteriorRing().getCoordinates();
                while (used + cs.length * 2 > flat.length) {
                    flat = java.util.Arrays.copyOf(flat, flat.length * 2);
                }
                ringStart[i] = used;
                for (Coordinate c : cs) {
                    flat[used++] = c.x;
                    flat[used++] = c.y;
                }
                ringEnd[i] = used;
            }
            extent.expandToInclude(e);
        }
        coords = java.util.Arrays.copyOf(flat, used);
        if (grids.length == 0) {
            minX = minY = 0;
            cellW = cellH = 1;
            nx = ny = 1;
            bucketStart = new int[2];
            bucketItems = new int[0];
            return;
        }
        double w = Math.max(extent.getWidth(), 1e-9);
        double h = Math.max(extent.getHeight(), 1e-9);
        double cell = Math.sqrt(w * h / grids.length);
        int cx = (int) Math.min(Math.ceil(w / cell), 1 << 16);
        int cy = (int) Math.min(Math.ceil(h / cell), 1 << 16);
        while ((long) cx * cy > MAX_BUCKETS) {
            cx = Math.max(1, cx / 2);
            cy = Math.max(1, cy / 2);
        }
        nx = Math.max(1, cx);
        ny = Math.max(1, cy);
        minX = extent.getMinX();
        minY = extent.getMinY();
        cellW = w / nx;
        cellH = h / ny;
        // two passes: count per bucket, then fill (compressed rows, no per-bucket objects)
        int[] count = new int[nx * ny + 1];
        for (Prepared p : grids) {
            for (int y = row(p.minY()); y <= row(p.maxY()); y++) {
                for (int x = col(p.minX()); x <= col(p.maxX()); x++) {
                    count[y * nx + x + 1]++;
                }
            }
        }
        for (int i = 1; i < count.length; i++) {
            count[i] += count[i - 1];
        }
        bucketStart = count.clone();
        bucketItems = new int[count[count.length - 1]];
        int[] fill = count;
        for (int i = 0; i < grids.length; i++) {
            Prepared p = grids[i];
            for (int y = row(p.minY()); y <= row(p.maxY()); y++) {
                for (int x = col(p.minX()); x <= col(p.maxX()); x++) {
                    bucketItems[fill[y * nx + x]++] = i;
                }
            }
        }
    }

    /** One shell, no holes, few vertices: tested straight from the shared coordinate array. */
    private static Polygon simplePolygon(Geometry g) {
        Geometry p = g.getNumGeometries() == 1 ? g.getGeometryN(0) : null;
        return p instanceof Polygon poly && poly.getNumInteriorRing() == 0 && poly.getNumPoints() <= SMALL_POLYGON_VERTICES ? poly : null;
    }

    private int col(double x) {
        return Math.min(nx - 1, Math.max(0, (int) ((x - minX) / cellW)));
    }

    private int row(double y) {
        return Math.min(ny - 1, Math.max(0, (int) ((y - minY) / cellH)));
    }

    public int size() {
        return grids.length;
    }

    /** The grid whose polygon covers the point (boundary included); the lowest id wins on overlap. */
    public Optional<Long> locate(Point p) {
        long id = locate(p.getX(), p.getY());
        return id < 0 ? Optional.empty() : Optional.of(id);
    }

    /** As {@link #locate(Point)}, without allocating: the grid id, or -1. */
    public long locate(double lon, double lat) {
        if (grids.length == 0 || !(lon >= minX && lon <= minX + cellW * nx && lat >= minY && lat <= minY + cellH * ny)) {
            return -1;
        }
        int b = row(lat) * nx + col(lon);
        for (int k = bucketStart[b], end = bucketStart[b + 1]; k < end; k++) {
            int i = bucketItems[k];
            int e = 4 * i;
            if (lon < env[e] || lat < env[e + 1] || lon > env[e + 2] || lat > env[e + 3]) {
                continue;
            }
            boolean covered = ringStart[i] >= 0
                    ? RingCrossings.locate(lon, lat, coords, ringStart[i], ringEnd[i]) != Location.EXTERIOR
                    : grids[i].test().covers(new Coordinate(lon, lat));
            if (covered) {
                return grids[i].gridId();
            }
        }
        return -1;
    }

    /** One grid to index. */
    public record Entry(long gridId, Geometry geometry) {
    }

    private record Prepared(long gridId, double minX, double minY, double maxX, double maxY, PointInArea test) {
    }

    /** Whether an area covers a point (boundary included). */
    private interface PointInArea {
        boolean covers(Coordinate c);
    }

    /**
     * Ray crossing straight over the rings of a small (multi)polygon held as primitive arrays: JTS's
     * {@code RayCrossingCounter} rule, segment by segment, with the same robust orientation
     * predicate, so boundary points count exactly as JTS counts them, minus the object walking.
     */
    private static final class RingCrossings implements PointInArea {
        /** per polygon: rings[0] the shell, then the holes; each ring x0,y0,x1,y1,… closed */
        private final double[][][] polygons;

        RingCrossings(Geometry g) {
            int n = g.getNumGeometries();
            polygons = new double[n][][];
            for (int i = 0; i < n; i++) {
                Polygon p = (Polygon) g.getGeometryN(i);
                polygons[i] = new double[1 + p.getNumInteriorRing()][];
                polygons[i][0] = flat(p.getExteriorRing().getCoordinates());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    polygons[i][h + 1] = flat(p.getInteriorRingN(h).getCoordinates());
                }
            }
        }

        private static double[] flat(Coordinate[] cs) {
            double[] out = new double[cs.length * 2];
            for (int i = 0; i < cs.length; i++) {
                out[2 * i] = cs[i].x;
                out[2 * i + 1] = cs[i].y;
            }
            return out;
        }

        @Override
        public boolean covers(Coordinate c) {
            double px = c.x;
            double py = c.y;
            for (double[][] rings : polygons) {
                int shell = locate(px, py, rings[0], 0, rings[0].length);
                if (shell == Location.EXTERIOR) {
                    continue;
                }
                if (shell == Location.BOUNDARY) {
                    return true;
                }
                boolean inHole = false;
                for (int h = 1; h < rings.length; h++) {
                    int loc = locate(px, py, rings[h], 0, rings[h].length);
                    if (loc == Location.BOUNDARY) {
                        return true;
                    }
                    if (loc == Location.INTERIOR) {
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

        /** RayCrossingCounter.locatePointInRing over a flat ring held in r[from, to). */
        static int locate(double px, double py, double[] r, int from, int to) {
            int crossings = 0;
            for (int i = from + 2; i < to; i += 2) {
                double x1 = r[i], y1 = r[i + 1];       // p1 = ring[i]
                double x2 = r[i - 2], y2 = r[i - 1];   // p2 = ring[i - 1]
                if (x1 < px && x2 < px) {
                    continue;
                }
                if (px == x2 && py == y2) {
                    return Location.BOUNDARY;
                }
                if (y1 == py && y2 == py) {
                    if (px >= Math.min(x1, x2) && px <= Math.max(x1, x2)) {
                        return Location.BOUNDARY;
                    }
                    continue;
                }
                if ((y1 > py && y2 <= py) || (y2 > py && y1 <= py)) {
                    int orient = CGAlgorithmsDD.orientationIndex(x1, y1, x2, y2, px, py);
                    if (orient == 0) {
                        return Location.BOUNDARY;
                    }
                    if (y2 < y1) {
                        orient = -orient;
                    }
                    if (orient == 1) {
                        crossings++;
                    }
                }
            }
            return (crossings & 1) == 1 ? Location.INTERIOR : Location.EXTERIOR;
        }
    }
}
