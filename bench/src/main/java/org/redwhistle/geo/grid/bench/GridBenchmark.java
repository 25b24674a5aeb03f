package org.redwhistle.geo.grid.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.grid.internal.GridIndex;

/**
 * Benchmark (issue 4): point → grid over N irregular grids, the in-memory index on one thread
 * against PostGIS answering the same question per point ({@code ST_Contains} with a GiST index),
 * on the same polygons, in the same run. Also checks that both give the same answers.
 * {@code java -jar red-whistle-bench.jar grid <jdbcUrl> <user> <password> [grids] [lookups] [sqlQueries]}
 */
public final class GridBenchmark {

    static final double X0 = 119.0, Y0 = 36.2, SPAN = 1.0;

    private GridBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int grids = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int lookups = args.length > 4 ? Integer.parseInt(args[4]) : 5_000_000;
        int sqlQueries = args.length > 5 ? Integer.parseInt(args[5]) : 20_000;
        int side = (int) Math.round(Math.sqrt(grids));
        List<GridIndex.Entry> entries = tessellation(side, new Random(4));
        System.out.printf("grids: %d irregular 8-vertex polygons tiling %.1f° × %.1f° (cell ≈ %.0f m)%n", entries.size(), SPAN, SPAN,
                SPAN / side * 111_000);

        long t = System.nanoTime();
        GridIndex index = new GridIndex(entries);
        System.out.printf("index build: %d ms%n", (System.nanoTime() - t) / 1_000_000);

        Random rnd = new Random(11);
        double[] xs = new double[1 << 20];
        double[] ys = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = X0 + rnd.nextDouble() * SPAN;
            ys[i] = Y0 + rnd.nextDouble() * SPAN;
        }
        // the loop lives in its own method, called repeatedly, so the JIT compiles it whole (not as an OSR stub of main)
        for (int round = 0; round < 5; round++) {
            lookups(index, xs, ys, 1_000_000);
        }
        t = System.nanoTime();
        long found = lookups(index, xs, ys, lookups);
        double memSeconds = (System.nanoTime() - t) / 1e9;
        double memRate = lookups / memSeconds;
        System.out.printf("in memory (1 thread): %,d lookups in %.2f s = %,.0f lookups/s (%.2f µs each); %d found%n", lookups, memSeconds,
                memRate, 1e6 / memRate, found);

        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            load(c, entries);
            try (PreparedStatement ps = c.prepareStatement(
                    "select id from bench_grid where st_contains(geom, st_setsrid(st_makepoint(?, ?), 4326)) order by id limit 1")) {
                for (int i = 0; i < 2000; i++) { // warm-up, and both must agree
                    long sql = sqlLocate(ps, xs[i], ys[i]);
                    Optional<Long> mem = index.locate(Geometries.point(xs[i], ys[i]));
                    if (mem.orElse(-1L) != sql) {
                        throw new IllegalStateException("index and PostGIS disagree at " + xs[i] + "," + ys[i] + ": " + mem + " vs " + sql);
                    }
                }
                long[] nanos = new long[sqlQueries];
                t = System.nanoTime();
                for (int i = 0; i < sqlQueries; i++) {
                    long q = System.nanoTime();
                    sqlLocate(ps, xs[(i + 5000) & (xs.length - 1)], ys[(i + 5000) & (xs.length - 1)]);
                    nanos[i] = System.nanoTime() - q;
                }
                double sqlSeconds = (System.nanoTime() - t) / 1e9;
                double sqlRate = sqlQueries / sqlSeconds;
                Arrays.sort(nanos);
                System.out.printf("PostGIS ST_Contains per point (1 connection): %,d queries in %.2f s = %,.0f queries/s (p50 %.0f µs, p99 %.0f µs)%n",
                        sqlQueries, sqlSeconds, sqlRate, nanos[sqlQueries / 2] / 1e3, nanos[(int) (sqlQueries * 0.99)] / 1e3);
                System.out.println("agreement: the index and PostGIS gave the same grid for 2,000 of 2,000 points");
                System.out.printf("RESULT grid lookups/s=%.0f postgis/s=%.0f ratio=%.0f%n", memRate, sqlRate, memRate / sqlRate);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table if exists bench_grid");
                }
            }
        }
    }

    static long lookups(GridIndex index, double[] xs, double[] ys, int n) {
        int mask = xs.length - 1;
        long found = 0;
        for (int i = 0; i < n; i++) {
            found += index.locate(xs[i & mask], ys[i & mask]) >= 0 ? 1 : 0;
        }
        return found;
    }

    private static long sqlLocate(PreparedStatement ps, double x, double y) throws Exception {
        ps.setDouble(1, x);
        ps.setDouble(2, y);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }

    /**
     * side × side cells over the extent; lattice corners jittered by up to ±25 % of a cell and edge
     * midpoints by ±10 %, each shared by the cells that meet there, so the polygons are irregular yet
     * tile the extent without gaps or overlaps.
     */
    static List<GridIndex.Entry> tessellation(int side, Random rnd) {
        double cell = SPAN / side;
        Coordinate[][] corner = new Coordinate[side + 1][side + 1];
        for (int i = 0; i <= side; i++) {
            for (int j = 0; j <= side; j++) {
                boolean border = i == 0 || j == 0 || i == side || j == side;
                double jx = border ? 0 : (rnd.nextDouble() - 0.5) * 0.5 * cell;
                double jy = border ? 0 : (rnd.nextDouble() - 0.5) * 0.5 * cell;
                corner[i][j] = new Coordinate(X0 + i * cell + jx, Y0 + j * cell + jy);
            }
        }
        Coordinate[][] horizontal = new Coordinate[side][side + 1]; // midpoint of the edge (i,j)–(i+1,j)
        Coordinate[][] vertical = new Coordinate[side + 1][side];   // midpoint of the edge (i,j)–(i,j+1)
        for (int i = 0; i < side; i++) {
            for (int j = 0; j <= side; j++) {
                boolean border = j == 0 || j == side;
                horizontal[i][j] = mid(corner[i][j], corner[i + 1][j], 0, border ? 0 : (rnd.nextDouble() - 0.5) * 0.2 * cell);
            }
        }
        for (int i = 0; i <= side; i++) {
            for (int j = 0; j < side; j++) {
                boolean border = i == 0 || i == side;
                vertical[i][j] = mid(corner[i][j], corner[i][j + 1], border ? 0 : (rnd.nextDouble() - 0.5) * 0.2 * cell, 0);
            }
        }
        List<GridIndex.Entry> out = new ArrayList<>(side * side);
        long id = 1;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                Coordinate[] ring = {corner[i][j], horizontal[i][j], corner[i + 1][j], vertical[i + 1][j], corner[i + 1][j + 1],
                    horizontal[i][j + 1], corner[i][j + 1], vertical[i][j], corner[i][j]};
                Polygon p = Geometries.WGS84.createPolygon(ring);
                out.add(new GridIndex.Entry(id++, p));
            }
        }
        return out;
    }

    private static Coordinate mid(Coordinate a, Coordinate b, double dx, double dy) {
        return new Coordinate((a.x + b.x) / 2 + dx, (a.y + b.y) / 2 + dy);
    }

    private static void load(Connection c, List<GridIndex.Entry> entries) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_grid");
            s.execute("create table bench_grid (id bigint primary key, geom geometry(Polygon, 4326) not null)");
        }
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement ps = c.prepareStatement("insert into bench_grid values (?, st_setsrid(st_geomfromwkb(?), 4326))")) {
            for (GridIndex.Entry e : entries) {
                ps.setLong(1, e.gridId());
                ps.setBytes(2, wkb.write(e.geometry()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("create index on bench_grid using gist (geom)");
            s.execute("analyze bench_grid");
        }
    }
}
