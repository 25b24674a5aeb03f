package org.redwhistle.geo.responders.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.redwhistle.geo.responders.Responder;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;
import org.redwhistle.geo.responders.internal.MovingObjectIndex;

/**
 * Benchmark (issue 4): nearest k of N moving members. The in-memory index answers while another
 * thread moves every member once a second (a random walk at walking speed); PostGIS answers the
 * same queries by KNN ({@code <->} on an indexed geography column) over the same, static,
 * positions. Prints per-query latency percentiles for both and how often their answers agree.
 * {@code java -jar red-whistle-bench.jar nearest <jdbcUrl> <user> <password> [members] [queries] [k] [radiusM]}
 */
public final class NearestBenchmark {

    static final double X0 = 119.0, Y0 = 36.2, SPAN = 1.0;

    private NearestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int members = args.length > 3 ? Integer.parseInt(args[3]) : 50_000;
        // the PostGIS part takes 500 queries for warm-up and agreement, then up to 5,000 others
        int queries = Math.max(1_000, args.length > 4 ? Integer.parseInt(args[4]) : 200_000);
        int k = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        double radius = args.length > 6 ? Double.parseDouble(args[6]) : 5_000;
        Random rnd = new Random(5);
        MovingObjectIndex index = new MovingObjectIndex(0.01);
        double[] lon = new double[members];
        double[] lat = new double[members];
        List<Long> path = List.of(1L);
        Instant now = Instant.now();
        for (int i = 0; i < members; i++) {
            lon[i] = X0 + rnd.nextDouble() * SPAN;
            lat[i] = Y0 + rnd.nextDouble() * SPAN;
            index.upsert(new Responder(i, "m" + i, ResponderRole.values()[i % 3], ResponderState.AVAILABLE, lon[i], lat[i], now, path));
        }
        System.out.printf("members: %,d spread over %.1f° × %.1f° (≈ %.0f per km²); nearest %d within %.0f m%n", members, SPAN, SPAN,
                members / (SPAN * 111 * SPAN * 89), k, radius);

        double[] qx = new double[queries];
        double[] qy = new double[queries];
        for (int i = 0; i < queries; i++) {
            qx[i] = X0 + 0.02 + rnd.nextDouble() * (SPAN - 0.04);
            qy[i] = Y0 + 0.02 + rnd.nextDouble() * (SPAN - 0.04);
        }
        // every member moves once a second, ~1.4 m/s in a random direction
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong moves = new AtomicLong();
        Thread mover = new Thread(() -> {
            Random r = new Random(9);
            double[] x = lon.clone();
            double[] y = lat.clone();
            while (!stop.get()) {
                long roundStart = System.nanoTime();
                for (int i = 0; i < members && !stop.get(); i++) {
                    x[i] += (r.nextDouble() - 0.5) * 2.8e-5;
                    y[i] += (r.nextDouble() - 0.5) * 2.8e-5;
                    index.upsert(new Responder(i, "m" + i, ResponderRole.values()[i % 3], ResponderState.AVAILABLE, x[i], y[i], Instant.now(), path));
                    moves.incrementAndGet();
                }
                long sleep = 1000 - (System.nanoTime() - roundStart) / 1_000_000;
                if (sleep > 0) {
                    try {
                        Thread.sleep(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "mover");
        mover.setDaemon(true);
        mover.start();

        long[] nanos = new long[queries];
        // the loop lives in its own method, called repeatedly, so the JIT compiles it whole (not as an OSR stub of main)
        for (int round = 0; round < 5; round++) {
            measure(index, qx, qy, Math.min(queries, 20_000), radius, k, nanos);
        }
        long moves0 = moves.get();
        long t = System.nanoTime();
        int hits = measure(index, qx, qy, queries, radius, k, nanos);
        double seconds = (System.nanoTime() - t) / 1e9;
        long moved = moves.get() - moves0;
        stop.set(true);
        mover.join();
        Arrays.sort(nanos);
        System.out.printf("in memory, while members move (%,.0f moves/s): %,d queries in %.2f s; p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs; %.2f hits/query%n",
                moved / seconds, queries, seconds, nanos[queries / 2] / 1e3, pct(nanos, 0.99) / 1e3, pct(nanos, 0.999) / 1e3,
                nanos[queries - 1] / 1e3, hits / (double) queries);
        double memP99 = pct(nanos, 0.99) / 1e3;

        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            // the index as it stands now (members moved), so both answer about the same positions
            List<Responder> snapshot = new ArrayList<>(index.all());
            load(c, snapshot);
            try (PreparedStatement ps = c.prepareStatement("""
                    select id from bench_member
                    where st_dwithin(g, cast(st_setsrid(st_makepoint(?, ?), 4326) as geography), ?)
                    order by g <-> cast(st_setsrid(st_makepoint(?, ?), 4326) as geography) limit ?""")) {
                int sqlQueries = Math.min(queries - 500, 5_000);
                int agree = 0;
                for (int i = 0; i < 500; i++) { // warm-up and agreement
                    Set<Long> sql = sqlNearest(ps, qx[i], qy[i], radius, k);
                    Set<Long> mem = new HashSet<>();
                    index.nearest(qx[i], qy[i], radius, k, x -> true).forEach(h -> mem.add(h.responder().id()));
                    agree += sql.equals(mem) ? 1 : 0;
                }
                long[] sqlNanos = new long[sqlQueries];
                long t2 = System.nanoTime();
                for (int i = 0; i < sqlQueries; i++) {
                    long q = System.nanoTime();
                    sqlNearest(ps, qx[i + 500], qy[i + 500], radius, k);
                    sqlNanos[i] = System.nanoTime() - q;
                }
                double sqlSeconds = (System.nanoTime() - t2) / 1e9;
                Arrays.sort(sqlNanos);
                System.out.printf("PostGIS KNN (geography <->, GiST, 1 connection, static positions): %,d queries in %.2f s; p50 %.0f µs, p99 %.0f µs, max %.0f µs%n",
                        sqlQueries, sqlSeconds, sqlNanos[sqlQueries / 2] / 1e3, pct(sqlNanos, 0.99) / 1e3, sqlNanos[sqlQueries - 1] / 1e3);
                System.out.printf("agreement: the same %d members for %d of 500 queries (PostGIS orders by sphere distance, the index by the ellipsoid; near-ties can differ)%n",
                        k, agree);
                System.out.printf("RESULT nearest p99_us=%.1f postgis_p99_us=%.0f ratio=%.0f%n", memP99, pct(sqlNanos, 0.99) / 1e3,
                        pct(sqlNanos, 0.99) / 1e3 / memP99);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table if exists bench_member");
                }
            }
        }
    }

    static int measure(MovingObjectIndex index, double[] qx, double[] qy, int n, double radius, int k, long[] nanos) {
        int hits = 0;
        for (int i = 0; i < n; i++) {
            long q = System.nanoTime();
            hits += index.nearest(qx[i], qy[i], radius, k, x -> x.state() == ResponderState.AVAILABLE).size();
            nanos[i] = System.nanoTime() - q;
        }
        return hits;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p) - 1)];
    }

    private static Set<Long> sqlNearest(PreparedStatement ps, double x, double y, double radius, int k) throws Exception {
        ps.setDouble(1, x);
        ps.setDouble(2, y);
        ps.setDouble(3, radius);
        ps.setDouble(4, x);
        ps.setDouble(5, y);
        ps.setInt(6, k);
        Set<Long> out = new HashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static void load(Connection c, List<Responder> members) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_member");
            s.execute("create table bench_member (id bigint primary key, g geography(Point, 4326) not null)");
        }
        try (PreparedStatement ps = c.prepareStatement("insert into bench_member values (?, cast(st_setsrid(st_makepoint(?, ?), 4326) as geography))")) {
            int n = 0;
            for (Responder r : members) {
                ps.setLong(1, r.id());
                ps.setDouble(2, r.lon());
                ps.setDouble(3, r.lat());
                ps.addBatch();
                if (++n % 5000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        try (Statement s = c.createStatement()) {
            s.execute("create index on bench_member using gist (g)");
            s.execute("analyze bench_member");
        }
    }
}
