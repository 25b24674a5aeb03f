package org.redwhistle.api.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.PhoneFixReported;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Patrol positions on {@code /topic/positions}, conflated per device (terminals) and per member
 * (phones): whatever the rate, each subscriber gets at most one frame per flush interval, a JSON
 * array with the latest fix of each terminal or member that moved, and only those inside their area.
 * Fixes are compact arrays, because an operator's frame may hold ten thousand of them: a terminal's
 * {@code ["patrol-02", lon, lat, epochMs]}, a member's phone {@code [memberId, lon, lat, epochMs, name]}
 * (WGS-84, 7 decimals).
 */
@Component
public class PositionFeed {

    private final Map<String, PositionsStored.Position> latest = new ConcurrentHashMap<>();
    private final Map<Long, PhoneFixReported> latestPhones = new ConcurrentHashMap<>();
    private final PushHub hub;
    private final Members members;
    private final DeviceDirectory devices;

    public PositionFeed(PushHub hub, Members members, DeviceDirectory devices) {
        this.hub = hub;
        this.members = members;
        this.devices = devices;
    }

    /** A terminal's fix as pushed: {@code [deviceId, lon, lat, epochMs]} (a string first). */
    static Object[] terminalFix(PositionsStored.Position p) {
        return new Object[] {p.deviceId(), round7(p.lon()), round7(p.lat()), p.ts().toInstant().toEpochMilli()};
    }

    /** A member's phone fix as pushed: {@code [memberId, lon, lat, epochMs, name]} (a number first). */
    static Object[] phoneFix(PhoneFixReported f) {
        return new Object[] {f.memberId(), round7(f.lon()), round7(f.lat()), f.at().toEpochMilli(), f.name()};
    }

    /** 1e-7° is about a centimetre: more digits are noise, and cost bytes on every frame. */
    private static double round7(double v) {
        return Math.round(v * 1e7) / 1e7;
    }

    @EventListener
    public void on(PhoneFixReported fix) {
        latestPhones.merge(fix.memberId(), fix, (old, now) -> now.at().isAfter(old.at()) ? now : old);
    }

    @EventListener
    public void on(PositionsStored stored) {
        stored.positions().forEach(p -> latest.merge(p.deviceId(), p, (old, now) -> now.ts().isAfter(old.ts()) ? now : old));
    }

    // per instance, no cluster lock: the fixes this instance received (docs/jobs.md)
    @Scheduled(fixedDelayString = "${redwhistle.push.position-interval:500ms}")
    public void flush() {
        List<PushHub.Item> batch = new ArrayList<>(latest.size() + latestPhones.size());
        Map<Long, Audience.Area> byArea = new HashMap<>();
        for (String id : List.copyOf(latest.keySet())) {
            PositionsStored.Position p = latest.remove(id);
            if (p != null) {
                devices.find(id).ifPresent(d -> batch.add(new PushHub.Item(
                        byArea.computeIfAbsent(d.areaId(), a -> Audience.area(hub.areaPath(a))), terminalFix(p))));
            }
        }
        for (Long id : List.copyOf(latestPhones.keySet())) {
            PhoneFixReported f = latestPhones.remove(id);
            if (f != null) {
                batch.add(new PushHub.Item(Audience.area(members.areaPath(id)),
                        phoneFix(f)));
            }
        }
        hub.publishBatch(Destinations.POSITIONS, batch);
    }
}
