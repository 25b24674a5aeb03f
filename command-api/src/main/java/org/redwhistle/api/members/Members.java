package org.redwhistle.api.members;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.api.members.internal.MemberStore;
import org.redwhistle.geo.responders.Responder;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderState;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Members' live state in PostGIS and in the geo engine's responder index, kept together: a fix
 * from a phone ({@code /members/me/position}) or from the member's patrol terminal (ingest's
 * {@link PositionsStored}) moves both; an older fix than the stored one moves neither. Terminals
 * report every second, so their carriers' rows are written conflated every
 * {@code redwhistle.members.persist-interval} (5 s), while the index moves with every fix.
 * <p>
 * One source at a time: a terminal fix does not move a member whose live position is a phone fix
 * younger than {@code redwhistle.members.phone-fix-freshness} ({@link MembersProperties#phoneHolds}).
 * The live path asks a map of the phone fixes' times held here (no query per fix), relearnt from the
 * database at each persist (so other instances' phone fixes count too); the database statement
 * applies the same rule to what it writes.
 */
@Component
public class Members {

    private final MemberStore store;
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
    /** When each member's live position was last set by a phone fix (members located by their phone lately). */
    private final Map<Long, Instant> phoneFixAt = new ConcurrentHashMap<>();
    private final MembersProperties props;

    public Members(MemberStore store, TransactionTemplate tx, ResponderLocator locator, ApplicationEventPublisher events, MembersProperties props) {
        this.events = events;
        this.props = props;
        this.store = store;
        this.tx = tx;
        this.locator = locator;
    }

    /** A member as the API shows it. */
    public record MemberView(long id, String name, String role, String affiliation, String phone, long areaId, String username,
            String deviceId, String state, Double lon, Double lat, Instant locatedAt) {
    }

    /** Members inside the area (every member when null), optionally of one role and state. */
    public List<MemberView> list(Long scopeAreaId, String role, String state) {
        return store.list(scopeAreaId, role, state);
    }

    public Optional<MemberView> byUser(long userId) {
        return store.byUser(userId);
    }

    public Optional<MemberView> byId(long id) {
        return store.byId(id);
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
        Map<String, Carrier> found = store.carriersOf(unknown);
        for (String id : unknown) {
            carrierOf.put(id, found.getOrDefault(id, NOBODY));
        }
        out.putAll(found);
        return out;
    }

    public List<Long> areaPath(long memberId) {
        return store.areaPath(memberId);
    }

    /** A phone fix: kept in the member's history, and the live position if newer. Returns whether it was newer. */
    public boolean reportPhoneFix(long memberId, double lon, double lat, Float accuracyM, Instant ts) {
        List<Responder> moved = tx.execute(s -> {
            store.insertPhoneFix(memberId, lon, lat, accuracyM, ts);
            return moveLive(new String[] {String.valueOf(memberId)}, new double[] {lon}, new double[] {lat}, new Timestamp[] {Timestamp.from(ts)},
                    new Float[] {accuracyM}, false);
        });
        if (!moved.isEmpty()) {
            phoneFixAt.merge(memberId, ts, (a, b) -> a.isAfter(b) ? a : b);
        }
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
            if (carrier != null && props.phoneHolds(phoneFixAt.get(carrier.memberId()), p.ts().toInstant())) {
                continue; // the phone's fix is fresh: it stays the member's position
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
        Map<String, Carrier> carriers = store.allCarriers();
        carrierOf.keySet().retainAll(carriers.keySet()); // "nobody" answers are asked again
        carrierOf.putAll(carriers);
        Instant since = Instant.now().minus(props.phoneFixFreshness()).minus(props.persistInterval());
        store.phoneHeld(since).forEach((member, at) -> phoneFixAt.merge(member, at, (a, b) -> a.isAfter(b) ? a : b));
        // fixes may come late (a phone's are accepted up to a day old): only what no fix can still contest is forgotten
        Instant forgotten = Instant.now().minus(java.time.Duration.ofDays(1)).minus(props.phoneFixFreshness());
        phoneFixAt.values().removeIf(at -> at.isBefore(forgotten));
    }

    /** Whether a terminal fix taken at {@code at} gives way to the member's fresh phone fix (the one-source rule). */
    public boolean phoneHolds(long memberId, Instant at) {
        return props.phoneHolds(phoneFixAt.get(memberId), at);
    }

    /** Where the member's live position came from: {@code phone}, {@code terminal}, or empty when never located. */
    public Optional<String> positionSource(long memberId) {
        return store.positionSource(memberId);
    }

    /** The one-source rule's settings, for the features that apply it to stored fixes (track replay). */
    public MembersProperties properties() {
        return props;
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
        List<Responder> moved = tx.execute(s -> moveLive(devices, lons, lats, ts, new Float[n], true));
        moved.forEach(locator::moved);
    }

    /** Moves the members in the database ({@link MemberStore#moveLive}); learns who carries the terminals that moved someone. */
    private List<Responder> moveLive(String[] keys, double[] lons, double[] lats, Timestamp[] ts, Float[] acc, boolean byDevice) {
        List<Responder> out = new ArrayList<>();
        for (MemberStore.Moved m : store.moveLive(keys, lons, lats, ts, acc, byDevice, props.phoneFixFreshness())) {
            if (byDevice) {
                carrierOf.put(m.deviceId(), new Carrier(m.responder().id(), m.responder().name()));
            }
            out.add(m.responder());
        }
        return out;
    }

    /**
     * Sets the duty state in the caller's transaction; returns the previous one, empty if the member
     * does not exist. The caller tells the index once it has committed ({@link #stateCommitted}).
     */
    public Optional<String> setState(long memberId, ResponderState state) {
        return store.setState(memberId, state);
    }

    public void stateCommitted(long memberId, ResponderState state) {
        locator.stateChanged(memberId, state);
    }
}
