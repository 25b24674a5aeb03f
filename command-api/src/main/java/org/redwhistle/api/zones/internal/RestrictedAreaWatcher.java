package org.redwhistle.api.zones.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.PhoneFixReported;
import org.redwhistle.api.zones.ZoneEntryAlarms;
import org.redwhistle.geo.zones.Zone;
import org.redwhistle.geo.zones.ZoneDirectory;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Enter and exit detection for restricted areas, for people (members, from their phones or the
 * terminals they carry) and for devices (patrol terminals nobody carries). Who is inside which area
 * is kept in {@code zone_presence}, so a restart neither forgets an intruder nor reports them twice.
 * Entering an armed area raises a {@code zone.enter} alarm; every entry and exit is logged. Runs on
 * its own thread, in arrival order, so ingestion never waits on it.
 */
@Component
public class RestrictedAreaWatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RestrictedAreaWatcher.class);

    private final ZoneDirectory zones;
    private final ZoneActivity activity;
    private final ZoneEntryAlarms alarms;
    private final ZoneStore store;
    private final Members members;
    private final Map<String, Set<Long>> presence = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
            r -> new Thread(r, "restricted-areas"), new ThreadPoolExecutor.CallerRunsPolicy());

    public RestrictedAreaWatcher(ZoneDirectory zones, ZoneActivity activity, ZoneEntryAlarms alarms, ZoneStore store, Members members) {
        this.members = members;
        this.zones = zones;
        this.activity = activity;
        this.alarms = alarms;
        this.store = store;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void load() {
        store.presence((subject, zoneId) -> presence.computeIfAbsent(subject, k -> ConcurrentHashMap.newKeySet()).add(zoneId));
    }

    private record Fix(String subject, String label, String deviceId, double lon, double lat, Instant at) {
    }

    @EventListener
    public void on(PhoneFixReported fix) {
        worker.execute(() -> check(new Fix("member:" + fix.memberId(), fix.name(), null, fix.lon(), fix.lat(), fix.at())));
    }

    @EventListener
    public void on(PositionsStored stored) {
        if (zones.all().stream().noneMatch(z -> z.kind() == Zone.Kind.RESTRICTED)) {
            return;
        }
        List<PositionsStored.Position> fixes = List.copyOf(stored.positions());
        worker.execute(() -> {
            Map<String, Members.Carrier> carriers = members.carriers(fixes.stream().map(PositionsStored.Position::deviceId).toList());
            List<PositionsStored.Position> ordered = new ArrayList<>(fixes);
            ordered.sort((a, b) -> a.ts().compareTo(b.ts()));
            for (PositionsStored.Position p : ordered) {
                Members.Carrier member = carriers.get(p.deviceId());
                check(new Fix(member != null ? "member:" + member.memberId() : "device:" + p.deviceId(), member != null ? member.name() : p.deviceId(),
                        p.deviceId(), p.lon(), p.lat(), p.ts().toInstant()));
            }
        });
    }

    private void check(Fix f) {
        try {
            Set<Long> now = new HashSet<>();
            Map<Long, Zone> byId = new HashMap<>();
            for (Zone z : zones.restrictedAt(f.lon(), f.lat())) {
                now.add(z.id());
                byId.put(z.id(), z);
            }
            Set<Long> before = presence.getOrDefault(f.subject(), Set.of());
            for (Long id : now) {
                if (!before.contains(id)) {
                    entered(f, byId.get(id));
                }
            }
            for (Long id : before) {
                if (!now.contains(id)) {
                    exited(f, id);
                }
            }
            if (now.isEmpty()) {
                presence.remove(f.subject());
            } else {
                Set<Long> set = ConcurrentHashMap.newKeySet();
                set.addAll(now);
                presence.put(f.subject(), set);
            }
        } catch (RuntimeException e) {
            log.error("restricted-area check for {} failed: {}", f.subject(), e.toString());
        }
    }

    private void entered(Fix f, Zone z) {
        store.entered(f.subject(), z.id(), f.at());
        boolean armed = z.isArmed(f.at());
        Long alarmId = null;
        if (armed) {
            alarmId = alarms.raiseZoneEntry(z.code(), z.name(), f.label(), f.deviceId(), f.lon(), f.lat(), f.at());
        }
        activity.log(z.id(), "ENTER", f.subject(), f.at(), armed, alarmId, f.label() + (armed ? "" : " (area disarmed: logged only)"));
        log.info("{} entered restricted area {} (armed={})", f.subject(), z.code(), armed);
    }

    private void exited(Fix f, long zoneId) {
        store.exited(f.subject(), zoneId);
        boolean armed = zones.all().stream().filter(z -> z.id() == zoneId).anyMatch(z -> z.isArmed(f.at()));
        activity.log(zoneId, "EXIT", f.subject(), f.at(), armed, null, f.label());
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
