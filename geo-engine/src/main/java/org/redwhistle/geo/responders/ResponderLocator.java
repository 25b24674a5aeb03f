package org.redwhistle.geo.responders;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.redwhistle.geo.responders.internal.MovingObjectIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Who is nearest. Live questions are answered from an in-memory moving-object index fed by every
 * position and duty change this instance records, and by a poll of {@code member.updated_at} for
 * those recorded by other instances. Historic questions ("who was near at 02:10?") go to PostGIS:
 * each member's last fix before that time, ordered by geodesic distance.
 */
@Service
public class ResponderLocator {

    private static final Logger log = LoggerFactory.getLogger(ResponderLocator.class);
    /** A fix older than this at the asked time does not place a member in a historic query. */
    public static final Duration HISTORIC_FRESHNESS = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final MovingObjectIndex index;
    private volatile Instant watermark;

    public ResponderLocator(JdbcClient jdbc, ResponderProperties props) {
        this.jdbc = jdbc;
        this.index = new MovingObjectIndex(props.responderCellDeg());
    }

    /** One nearby responder and its distance in metres on the ellipsoid. */
    public record Nearby(Responder responder, double distanceM) {
    }

    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        long started = System.nanoTime();
        Instant now = dbNow();
        int n = refresh(null);
        watermark = now;
        log.info("responder index loaded: members={} tookMs={}", n, (System.nanoTime() - started) / 1_000_000);
    }

    /** Follows changes recorded by other instances (and this one's, harmlessly). */
    // per instance, no cluster lock: this instance's in-memory index (docs/jobs.md)
    @Scheduled(initialDelayString = "${redwhistle.geo.refresh-interval:2s}", fixedDelayString = "${redwhistle.geo.refresh-interval:2s}")
    public void follow() {
        Instant since = watermark;
        if (since == null) {
            return;
        }
        Instant now = dbNow();
        refresh(since.minusSeconds(1)); // overlap: a transaction may commit a little after its now()
        watermark = now;
    }

    private Instant dbNow() {
        return jdbc.sql("select now()").query(Timestamp.class).single().toInstant();
    }

    private int refresh(Instant since) {
        List<Responder> rows = jdbc.sql("""
                select m.id, m.name, m.role, m.state, st_x(m.location) lon, st_y(m.location) lat, m.located_at, a.path
                from member m join area a on a.id = m.area_id
                where m.location is not null and (cast(:since as timestamptz) is null or m.updated_at >= cast(:since as timestamptz))""")
                .param("since", since == null ? null : Timestamp.from(since))
                .query((rs, i) -> new Responder(rs.getLong("id"), rs.getString("name"), ResponderRole.valueOf(rs.getString("role")),
                        ResponderState.valueOf(rs.getString("state")), rs.getDouble("lon"), rs.getDouble("lat"),
                        rs.getTimestamp("located_at").toInstant(), List.of((Long[]) rs.getArray("path").getArray())))
                .list();
        for (Responder r : rows) {
            Responder current = index.get(r.id());
            if (current == null || !current.at().isAfter(r.at()) || current.state() != r.state()) {
                index.upsert(current != null && current.at().isAfter(r.at()) ? current.withState(r.state()) : r);
            }
        }
        return rows.size();
    }

    /** The live index entry of a member, if it has been located. */
    public Optional<Responder> live(long memberId) {
        return Optional.ofNullable(index.get(memberId));
    }

    public int liveCount() {
        return index.size();
    }

    /**
     * Records a fix (already stored by the caller or stored here): moves the member in the index
     * unless the fix is older than what the index holds.
     */
    public void moved(Responder updated) {
        Responder current = index.get(updated.id());
        if (current == null || !updated.at().isBefore(current.at())) {
            index.upsert(current == null ? updated : current.movedTo(updated.lon(), updated.lat(), updated.at()).withState(updated.state()));
        }
    }

    public void stateChanged(long memberId, ResponderState state) {
        Responder current = index.get(memberId);
        if (current != null) {
            index.upsert(current.withState(state));
        }
    }

    /** Nearest first, at most {@code limit}, within {@code radiusM}, of the given roles and states, inside {@code scope}. */
    public List<Nearby> nearby(double lon, double lat, double radiusM, int limit, Set<ResponderRole> roles, Set<ResponderState> states,
            Predicate<List<Long>> scope) {
        Predicate<Responder> filter = r -> (roles.isEmpty() || roles.contains(r.role())) && (states.isEmpty() || states.contains(r.state()))
                && scope.test(r.areaPath());
        List<Nearby> out = new ArrayList<>();
        for (MovingObjectIndex.Hit h : index.nearest(lon, lat, radiusM, limit, filter)) {
            out.add(new Nearby(h.responder(), h.distanceM()));
        }
        return out;
    }

    /**
     * Who was nearest at {@code at}: each member's last fix in the {@link #HISTORIC_FRESHNESS} before
     * it (phone fixes and patrol-terminal positions alike), by PostGIS geodesic distance. Duty state
     * is not historised, so roles filter and states do not.
     */
    public List<Nearby> nearbyAt(Instant at, double lon, double lat, double radiusM, int limit, Set<ResponderRole> roles,
            Predicate<List<Long>> scope) {
        List<Nearby> out = new ArrayList<>();
        jdbc.sql("""
                with fixes as (
                    select mp.member_id, mp.location, mp.ts from member_position mp
                    where mp.ts > :from and mp.ts <= :at
                    union all
                    select m.id, dp.location, dp.ts from device_position dp join member m on m.device_id = dp.device_id
                    where dp.ts > :from and dp.ts <= :at),
                last as (
                    select distinct on (member_id) member_id, location, ts from fixes order by member_id, ts desc)
                select m.id, m.name, m.role, m.state, st_x(l.location) lon, st_y(l.location) lat, l.ts, a.path,
                       st_distance(l.location::geography, st_setsrid(st_makepoint(:lon, :lat), 4326)::geography) d
                from last l join member m on m.id = l.member_id join area a on a.id = m.area_id
                where st_dwithin(l.location::geography, st_setsrid(st_makepoint(:lon, :lat), 4326)::geography, :r)
                  and (cardinality(cast(:roles as text[])) = 0 or m.role = any(cast(:roles as text[])))
                order by d""")
                .param("from", Timestamp.from(at.minus(HISTORIC_FRESHNESS))).param("at", Timestamp.from(at))
                .param("lon", lon).param("lat", lat).param("r", radiusM)
                .param("roles", roles.stream().map(Enum::name).toArray(String[]::new))
                .query(rs -> {
                    Responder r = new Responder(rs.getLong("id"), rs.getString("name"), ResponderRole.valueOf(rs.getString("role")),
                            ResponderState.valueOf(rs.getString("state")), rs.getDouble("lon"), rs.getDouble("lat"),
                            rs.getTimestamp("ts").toInstant(), List.of((Long[]) rs.getArray("path").getArray()));
                    if (out.size() < limit && scope.test(r.areaPath())) {
                        out.add(new Nearby(r, rs.getDouble("d")));
                    }
                });
        return out;
    }
}
