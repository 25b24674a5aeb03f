package org.redwhistle.geo.responders.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.geo.responders.Responder;

/**
 * An in-memory index of moving objects for nearest-k queries: a uniform hash grid of
 * {@code cellDeg}-degree cells, searched in rings outward from the query's cell until no unseen
 * cell can hold anything nearer than the k-th hit. Distances are geodesic on the WGS-84 ellipsoid;
 * a cheap local approximation prunes candidates before the exact formula runs.
 *
 * <p>Thread-safe without locks: a move adds the new version to its cell, publishes it by id, then
 * removes the old one. A query accepts only the version published for an id when it meets it, and
 * when it meets an id again (the member moved into a cell the query had not scanned yet) the later
 * version replaces the earlier, so no member is returned twice.
 */
public final class MovingObjectIndex {

    /** One result: the responder and its distance in metres. */
    public record Hit(Responder responder, double distanceM) {
    }

    private final double cellDeg;
    private final Map<Long, Responder> byId = new ConcurrentHashMap<>();
    /** cell → (id → the version placed in it); keyed by id because versions of a record compare by value */
    private final Map<Long, Map<Long, Responder>> cells = new ConcurrentHashMap<>();

    public MovingObjectIndex(double cellDeg) {
        this.cellDeg = cellDeg;
    }

    public int size() {
        return byId.size();
    }

    public Responder get(long id) {
        return byId.get(id);
    }

    public Collection<Responder> all() {
        return byId.values();
    }

    public void upsert(Responder r) {
        long newKey = key(r.lon(), r.lat());
        cell(newKey).put(r.id(), r);
        Responder old = byId.put(r.id(), r);
        if (old != null && key(old.lon(), old.lat()) != newKey) {
            Map<Long, Responder> c = cells.get(key(old.lon(), old.lat()));
            if (c != null) {
                c.remove(r.id(), old);
            }
        }
    }

    public void remove(long id) {
        Responder old = byId.remove(id);
        if (old != null) {
            Map<Long, Responder> c = cells.get(key(old.lon(), old.lat()));
            if (c != null) {
                c.remove(id, old);
            }
        }
    }

    /** The k nearest objects accepted by {@code filter} within {@code radiusM} of the point, nearest first. */
    public List<Hit> nearest(double lon, double lat, double radiusM, int k, Predicate<Responder> filter) {
        if (k <= 0 || radiusM < 0) {
            return List.of();
        }
        long cx = (long) Math.floor(lon / cellDeg);
        long cy = (long) Math.floor(lat / cellDeg);
        double bandLat = Math.abs(lat) + radiusM / Ellipsoid.MIN_M_PER_DEG_LAT + cellDeg;
        double cellM = cellDeg * Math.min(Ellipsoid.MIN_M_PER_DEG_LAT, Ellipsoid.minMetresPerDegLon(bandLat));
        // local scale for the cheap approximation (exact enough to prune, never to answer)
        double mLat = 111_132.954 - 559.822 * Math.cos(2 * Math.toRadians(lat));
        double mLon = 111_412.84 * Math.cos(Math.toRadians(lat));
        PriorityQueue<Hit> best = new PriorityQueue<>(k + 1, (a, b) -> Double.compare(b.distanceM(), a.distanceM()));
        long maxRing = (long) Math.ceil(radiusM / cellM) + 1;
        for (long r = 0; r <= maxRing; r++) {
            double ringMin = Math.max(0, (r - 1) * cellM);
            if (ringMin > radiusM || (best.size() == k && best.peek().distanceM() <= ringMin)) {
                break;
            }
            for (long dy = -r; dy <= r; dy++) {
                boolean edgeRow = dy == -r || dy == r;
                for (long dx = -r; dx <= r; dx += edgeRow ? 1 : 2 * r) {
                    Map<Long, Responder> c = cells.get(pack(cx + dx, cy + dy));
                    if (c != null) {
                        scan(c.values(), lon, lat, radiusM, k, filter, best, mLat, mLon);
                    }
                    if (r == 0) {
                        break;
                    }
                }
            }
        }
        List<Hit> out = new ArrayList<>(best);
        out.sort((a, b) -> Double.compare(a.distanceM(), b.distanceM()));
        return out;
    }

    private void scan(Collection<Responder> cell, double lon, double lat, double radiusM, int k, Predicate<Responder> filter,
            PriorityQueue<Hit> best, double mLat, double mLon) {
        for (Responder r : cell) {
            if (byId.get(r.id()) != r || !filter.test(r)) {
                continue;
            }
            double approx = Math.hypot((r.lon() - lon) * mLon, (r.lat() - lat) * mLat);
            double limit = best.size() == k ? Math.min(radiusM, best.peek().distanceM()) : radiusM;
            if (approx > limit * 1.01 + 1) {
                continue;
            }
            double d = Ellipsoid.distanceM(lon, lat, r.lon(), r.lat());
            // moved while this query ran and met again in its new cell: the version seen last is the newer one
            best.removeIf(h -> h.responder().id() == r.id());
            if (d > radiusM) {
                continue;
            }
            if (best.size() < k) {
                best.add(new Hit(r, d));
            } else if (d < best.peek().distanceM()) {
                best.poll();
                best.add(new Hit(r, d));
            }
        }
    }

    private Map<Long, Responder> cell(long key) {
        return cells.computeIfAbsent(key, x -> new ConcurrentHashMap<>());
    }

    private long key(double lon, double lat) {
        return pack((long) Math.floor(lon / cellDeg), (long) Math.floor(lat / cellDeg));
    }

    private static long pack(long x, long y) {
        return (y << 32) ^ (x & 0xffff_ffffL);
    }
}
