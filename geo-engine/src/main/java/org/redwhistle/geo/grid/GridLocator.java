package org.redwhistle.geo.grid;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.area.AreasChanged;
import org.redwhistle.geo.grid.internal.GridIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Point → grid chain, answered from memory. PostGIS is the source of truth; the index is rebuilt
 * from it at start, at once when this instance changes areas, and within
 * {@code redwhistle.geo.refresh-interval} when another instance did (a trigger bumps
 * {@code geo_revision} on every change to {@code area}). A rebuilt index replaces the old one in a
 * single volatile write, so a lookup sees either the old index or the new one, never a mix.
 */
@Service
public class GridLocator {

    private static final Logger log = LoggerFactory.getLogger(GridLocator.class);

    private final JdbcClient jdbc;
    private final AreaDirectory directory;
    private volatile Snapshot snapshot;

    public GridLocator(JdbcClient jdbc, AreaDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    public Optional<GridChain> locate(double lon, double lat) {
        Snapshot s = snapshot;
        if (s == null) {
            s = reload();
        }
        long gridId = s.index().locate(lon, lat);
        return gridId < 0 ? Optional.empty() : Optional.of(new GridChain(AreaDirectory.chain(s.areas(), gridId)));
    }

    /**
     * Whether the area's polygon covers the point (boundary included, as {@code st_covers} counts
     * it); false for an unknown area. Ingest asks this of every fix and event of a device, against
     * the area it may report from, so each area's shape is read from PostGIS once per index revision,
     * on first use, and tested like a grid.
     */
    public boolean covers(long areaId, double lon, double lat) {
        Snapshot s = snapshot;
        if (s == null) {
            s = reload();
        }
        GridIndex shape = s.shapes().get(areaId);
        if (shape == null) {
            shape = s.shapes().computeIfAbsent(areaId, this::shape);
        }
        return shape.locate(lon, lat) >= 0;
    }

    private GridIndex shape(long areaId) {
        WKBReader wkb = new WKBReader(Geometries.WGS84);
        return new GridIndex(jdbc.sql("select id, st_asbinary(geom) wkb from area where id = ?").param(areaId)
                .query((rs, i) -> {
                    try {
                        return new GridIndex.Entry(rs.getLong("id"), wkb.read(rs.getBytes("wkb")));
                    } catch (ParseException e) {
                        throw new IllegalStateException("unreadable geometry of area " + areaId, e);
                    }
                }).list());
    }

    /** The area and its ancestors, nearest first; empty for an unknown area. */
    public List<AreaRef> chainOf(long areaId) {
        Snapshot s = snapshot;
        if (s == null) {
            s = reload();
        }
        return AreaDirectory.chain(s.areas(), areaId);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        reload();
    }

    /** After the change committed (or at once, outside a transaction). */
    @TransactionalEventListener(fallbackExecution = true)
    public void onAreasChanged(AreasChanged changed) {
        reload();
    }

    /** Picks up changes made by other instances (or straight in the database). */
    // per instance, no cluster lock: this instance's in-memory index (docs/jobs.md)
    @Scheduled(initialDelayString = "${redwhistle.geo.refresh-interval:2s}", fixedDelayString = "${redwhistle.geo.refresh-interval:2s}")
    public void followRevision() {
        Snapshot s = snapshot;
        if (s != null && revision() != s.revision()) {
            reload();
        }
    }

    /** The revision the current index was built from; -1 before the first build. */
    public long indexRevision() {
        Snapshot s = snapshot;
        return s == null ? -1 : s.revision();
    }

    private long revision() {
        return jdbc.sql("select revision from geo_revision where name = 'area'").query(Long.class).optional().orElse(0L);
    }

    synchronized Snapshot reload() {
        long started = System.nanoTime();
        // read before the data: a change committed meanwhile leaves a newer revision, so the next poll reloads again
        long revision = revision();
        Map<Long, AreaRef> areas = directory.all();
        WKBReader wkb = new WKBReader(Geometries.WGS84);
        List<GridIndex.Entry> grids = jdbc.sql("select id, st_asbinary(geom) wkb from area where level = 'GRID'")
                .query((rs, i) -> {
                    try {
                        return new GridIndex.Entry(rs.getLong("id"), wkb.read(rs.getBytes("wkb")));
                    } catch (ParseException e) {
                        throw new IllegalStateException("unreadable geometry of grid " + rs.getLong("id"), e);
                    }
                }).list();
        Snapshot s = new Snapshot(new GridIndex(grids), areas, revision, new ConcurrentHashMap<>());
        snapshot = s;
        log.info("grid index built: grids={} areas={} revision={} tookMs={}", grids.size(), areas.size(), revision,
                (System.nanoTime() - started) / 1_000_000);
        return s;
    }

    /** {@code shapes}: areas' polygons read so far (see {@link #covers}), filled on demand, dropped with the snapshot. */
    private record Snapshot(GridIndex index, Map<Long, AreaRef> areas, long revision, Map<Long, GridIndex> shapes) {
    }
}
