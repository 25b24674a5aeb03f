package org.redwhistle.geo.grid.internal;

import java.util.List;
import java.util.Optional;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable point-in-grid index: an STRtree over the grids' envelopes with a prepared geometry
 * per grid for the exact test. Built whole and swapped in whole, so a lookup never sees a half-built one.
 */
public final class GridIndex {

    private final STRtree tree = new STRtree();
    private final int size;

    public GridIndex(List<Entry> grids) {
        for (Entry g : grids) {
            tree.insert(g.geometry().getEnvelopeInternal(), new Prepared(g.gridId(), PreparedGeometryFactory.prepare(g.geometry())));
        }
        tree.build();
        size = grids.size();
    }

    public int size() {
        return size;
    }

    /** The grid whose polygon covers the point (boundary included); the lowest id wins on overlap. */
    public Optional<Long> locate(Point p) {
        Long found = null;
        for (Object o : tree.query(new Envelope(p.getCoordinate()))) {
            Prepared g = (Prepared) o;
            if (g.geometry().covers(p) && (found == null || g.gridId() < found)) {
                found = g.gridId();
            }
        }
        return Optional.ofNullable(found);
    }

    /** One grid to index. */
    public record Entry(long gridId, Geometry geometry) {
    }

    private record Prepared(long gridId, PreparedGeometry geometry) {
    }
}
