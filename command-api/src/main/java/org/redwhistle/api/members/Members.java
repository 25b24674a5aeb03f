package org.redwhistle.api.members;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.geo.responders.Responder;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Members' live state in PostGIS and in the geo engine's responder index, kept together: a fix
 * from a phone ({@code /members/me/position}) or from the member's patrol terminal (ingest's
 * {@link PositionsStored}) moves both; an older fix than the stored one moves neither. Terminals
 * report every second, so their carriers' rows are written conflated every
 * {@code redwhistle.members.persist-interval} (5 s), while the index moves with every fix.
 */
@Component
public class Members {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ResponderLocator locator;
    private final ApplicationEventPublisher events;
    /**
     * Terminal → who carries it (or {@link #NOBODY}), learnt from the database; relearnt at each
     * persist. The live path needs it for every fix, and three position listeners ask
     * {@link #carriers} for every batch of fixes, several times a second.
     */
    private final Map<String, Carrier> carrierOf = new ConcurrentHashMap<>();
    private static final Carrier NOBODY = new Carrier(-1, "");
    /** The latest fix of each terminal whose carrier moved in the index but not yet in the database. */
    private final Map<String, PositionsStored.Position> unsaved = new ConcurrentHashMap<>();

    public Members(JdbcClient jdbc, TransactionTemplate tx, ResponderLocator locator, ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.locator = locator;
    }

    /** A member as the API shows it. */
    public record MemberView(long id, String name, String role, String affiliation, String phone, long areaId, String username,
            String deviceId, String state, Double lon, Double lat, Instant locatedAt) {
    }

    private static final String SELECT = """
            select m.id, m.name, m.role, m.affiliation, m.phone, m.area_id, u.username, m.device_id, m.state,
                   st_x(m.location) lon, st_y(m.location) lat, m.located_at
            from member m left join app_user u on u.id = m.user_id""";

    private static MemberView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp at = rs.getTimestamp("located_at");
        return new MemberView(rs.getLong("id"), rs.getString("name"), rs.getString("role"), rs.getString("affiliation"),
                rs.getString("phone"), rs.getLong("area_id"), rs.getString("username"), rs.getString("device_id"), rs.getString("state"),
                (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), at == null ? null : at.toInstant());
    }

    /** Members inside the area (every member when null), optionally of one role and state. */
    public List<MemberView> list(Long scopeAreaId, String role, String state) {
        return jdbc.sql(SELECT + """
                 join area a on a.id = m.area_id
                where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path))
                  and (cast(:role as text) is null or m.role = cast(:role as text))
                  and (cast(:state as text) is null or m.state = cast(:state as text))
                order by m.id""")
                .param("scope", scopeAreaId).param("role", role).param("state", state)
                .query((rs, i) -> view(rs)).list();
    }

    public Optional<MemberView> byUser(long userId) {
        return jdbc.sql(SELECT + " where m.user_id = ?").param(userId).query((rs, i) -> view(rs)).optional();
    }

    public Optional<MemberView> byId(long id) {
        return jdbc.sql(SELECT + " where m.id = ?").param(id).query((rs, i) -> view(rs)).optional();
    }

    /** The member who carries a patrol terminal. */
    public record Carrier(long memberId, String name) {
    }

    /**
     * The carriers of these terminals, by device id (terminals nobody carries are absent): from what
     * was learnt since the last persist, the rest in one query. A terminal handed to someone else is
     * seen as such within one persist interval.
     */
    public Map<String, Carrier> carriers(java.util.Collection<String> deviceIds) {
        Map<String, Carrier> out = new java.util.HashMap<>();
        java.util.Set<String> unknown = new java.util.HashSet<>();
        for (String id : deviceIds) {
            Carrier c = carrierOf.get(id);
            if (c == null) {
                unknown.add(id);
            } else if (c != NOBODY) {
                out.put(id, c);
            }
        }
        if (unknown.isEmpty()) {
            return out;
        }
        Map<String, Carrier> found = new java.util.HashMap<>();
        jdbc.sql("select device_id, id, name from member where device_id = any(?)").param(unknown.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), new Carrier(rs.getLong(2), rs.getString(3)));
                });
        for (String id : unknown) {
            carrierOf.put(id, found.getOrDefault(id, NOBODY));
        }
        out.putAll(found);
        return out;
    }

    public List<Long> areaPath(long memberId) {
        return jdbc.sql("select a.path from member m join area a on a.id = m.area_id where m.id = ?").param(memberId)
                .query((rs, i) -> List.of((Long[]) rs.getArray(1).getArray())).optional().orElse(List.of());
    }

    /** A phone fix: kept in the member's history, and the live position if newer. Returns whether it was newer. */
    public boolean reportPhoneFix(long memberId, double lon, double lat, Float accuracyM, Instant ts) {
        List<Responder> moved = tx.execute(s -> {
            jdbc.sql("""
                    insert into member_position (member_id, ts, location, accuracy_m)
                    values (?, ?, st_setsrid(st_makepoint(?, ?), 4326), ?) on conflict do nothing""")
                    .params(memberId, Timestamp.from(ts), lon, lat, accuracyM).update();
            return moveLive(new Long[] {memberId}, new String[] {null}, new double[] {lon}, new double[] {lat}, new Timestamp[] {Timestamp.from(ts)},
                    new Float[] {accuracyM}, false);
        });
        moved.forEach(locator::moved);
        byId(memberId).ifPresent(m -> events.publishEvent(new PhoneFixReported(memberId, m.name(), lon, lat, ts)));
        return !moved.isEmpty();
    }

    /**
     * Terminal fixes (already stored by ingest in device_position) move the members who carry those
     * terminals. A member the live index already holds moves there at once, and their row is written
     * at the next {@link #persistTerminalFixes} (conflated: the latest fix per terminal, one statement
     * for all); a terminal not yet known as carried goes to the database now, which tells who carries it.
     */
    @EventListener
    public void on(PositionsStored stored) {
        List<PositionsStored.Position> unknown = new ArrayList<>();
        for (PositionsStored.Position p : stored.positions()) {
            Carrier carrier = carrierOf.get(p.deviceId());
            if (carrier == NOBODY) {
                continue;
            }
            Optional<Responder> live = carrier == null ? Optional.empty() : locator.live(carrier.memberId());
            if (live.isPresent()) {
                locator.moved(live.get().movedTo(p.lon(), p.lat(), p.ts().toInstant()));
                unsaved.merge(p.deviceId(), p, (a, b) -> b.ts().isBefore(a.ts()) ? a : b);
            } else {
                unknown.add(p);
            }
        }
        if (!unknown.isEmpty()) {
            writeTerminalFixes(unknown);
        }
    }

    /** Writes the latest unsaved fix of each terminal to its carrier's row, and relearns who carries what. */
    // per instance, no cluster lock: only this instance holds these fixes (docs/jobs.md)
    @Scheduled(initialDelayString = "${redwhistle.members.persist-interval:5s}", fixedDelayString = "${redwhistle.members.persist-interval:5s}")
    public void persistTerminalFixes() {
        List<PositionsStored.Position> batch = new ArrayList<>(unsaved.size());
        for (String device : List.copyOf(unsaved.keySet())) {
            PositionsStored.Position p = unsaved.remove(device);
            if (p != null) {
                batch.add(p);
            }
        }
        relearnCarriers();
        // short transactions: a dispatch updating a member's state never waits long for these row locks
        for (int i = 0; i < batch.size(); i += PERSIST_CHUNK) {
            writeTerminalFixes(batch.subList(i, Math.min(batch.size(), i + PERSIST_CHUNK)));
        }
    }

    private static final int PERSIST_CHUNK = 500;

    /**
     * Who carries which terminal, read afresh (one query, no row locks): a terminal handed to
     * someone else moves its new carrier from the next persist on. Replacing the maps instead of
     * clearing them keeps every known terminal on the live path: clearing sent the next fix of every
     * terminal to the database at once, one statement rewriting (and locking) 10,000 member rows
     * that a dispatch then waited for.
     */
    private void relearnCarriers() {
        Map<String, Carrier> carriers = new java.util.HashMap<>();
        jdbc.sql("select device_id, id, name from member where device_id is not null").query(rs -> {
            carriers.put(rs.getString(1), new Carrier(rs.getLong(2), rs.getString(3)));
        });
        carrierOf.keySet().retainAll(carriers.keySet()); // "nobody" answers are asked again
        carrierOf.putAll(carriers);
    }

    private void writeTerminalFixes(List<PositionsStored.Position> fixes) {
        int n = fixes.size();
        String[] devices = new String[n];
        double[] lons = new double[n];
        double[] lats = new double[n];
        Timestamp[] ts = new Timestamp[n];
        for (int i = 0; i < n; i++) {
            PositionsStored.Position p = fixes.get(i);
            devices[i] = p.deviceId();
            lons[i] = p.lon();
            lats[i] = p.lat();
            ts[i] = Timestamp.from(p.ts().toInstant());
        }
        List<Responder> moved = tx.execute(s -> moveLive(new Long[n], devices, lons, lats, ts, new Float[n], true));
        moved.forEach(locator::moved);
    }

    /**
     * One statement for the batch; the newest fix per member wins, and only if newer than the stored one.
     * Fixes name their member by terminal or by id: two statements, not one with a parameter choosing the
     * join column, whose generic plan (what a prepared statement may settle on) could not hash-join and
     * compared every fix with every member (measured: 550 ms for 500 fixes over 10,000 members, holding
     * those members' row locks all along, against 5 ms).
     */
    private List<Responder> moveLive(Long[] memberIds, String[] deviceIds, double[] lons, double[] lats, Timestamp[] ts, Float[] acc,
            boolean byDevice) {
        List<Responder> out = new ArrayList<>();
        Double[] x = new Double[lons.length];
        Double[] y = new Double[lats.length];
        for (int i = 0; i < lons.length; i++) {
            x[i] = lons[i];
            y[i] = lats[i];
        }
        jdbc.sql("""
                with fix as (
                    select distinct on (k) k, x, y, t, acc from unnest(cast(:ids as text[]), cast(:x as float8[]), cast(:y as float8[]),
                        cast(:t as timestamptz[]), cast(:acc as float4[])) as u(k, x, y, t, acc) order by k, t desc),
                moved as (
                    update member m set location = st_setsrid(st_makepoint(f.x, f.y), 4326), located_at = f.t, accuracy_m = f.acc,
                        updated_at = now()
                    from fix f
                    where %s
                      and (m.located_at is null or m.located_at < f.t)
                    returning m.id, m.name, m.role, m.state, f.x, f.y, f.t, m.area_id, m.device_id)
                select mv.*, a.path from moved mv join area a on a.id = mv.area_id""".formatted(byDevice ? "m.device_id = f.k" : "m.id = cast(f.k as bigint)"))
                .param("ids", byDevice ? deviceIds : java.util.Arrays.stream(memberIds).map(String::valueOf).toArray(String[]::new))
                .param("x", x).param("y", y).param("t", java.util.Arrays.stream(ts).map(t -> t.toInstant().toString()).toArray(String[]::new)).param("acc", acc)
                .query(rs -> {
                    if (byDevice) {
                        carrierOf.put(rs.getString("device_id"), new Carrier(rs.getLong("id"), rs.getString("name")));
                    }
                    out.add(new Responder(rs.getLong("id"), rs.getString("name"), ResponderRole.valueOf(rs.getString("role")),
                            ResponderState.valueOf(rs.getString("state")), rs.getDouble("x"), rs.getDouble("y"),
                            rs.getTimestamp("t").toInstant(), List.of((Long[]) rs.getArray("path").getArray())));
                });
        return out;
    }

    /**
     * Sets the duty state in the caller's transaction; returns the previous one, empty if the member
     * does not exist. The caller tells the index once it has committed ({@link #stateCommitted}).
     */
    public Optional<String> setState(long memberId, ResponderState state) {
        return jdbc.sql("""
                update member m set state = ?, updated_at = now() from member old
                where m.id = ? and old.id = m.id returning old.state""")
                .params(state.name(), memberId).query(String.class).optional();
    }

    public void stateCommitted(long memberId, ResponderState state) {
        locator.stateChanged(memberId, state);
    }
}
