package org.redwhistle.api.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.PhoneFixReported;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Patrol positions on {@code /topic/positions}, conflated per device (terminals) and per member
 * (phones): whatever the rate, each subscriber gets at most the latest fix of each per flush
 * interval, and only those inside their area.
 */
@Component
public class PositionFeed {

    private final Map<String, PositionsStored.Position> latest = new ConcurrentHashMap<>();
    private final Map<Long, PhoneFixReported> latestPhones = new ConcurrentHashMap<>();
    private final PushHub hub;
    private final Members members;

    public PositionFeed(PushHub hub, Members members) {
        this.hub = hub;
        this.members = members;
    }

    /** A member's phone fix as pushed: who, where, when. */
    public record MemberPosition(long memberId, String name, double lon, double lat, java.time.Instant ts, String source) {
    }

    @EventListener
    public void on(PhoneFixReported fix) {
        latestPhones.merge(fix.memberId(), fix, (old, now) -> now.at().isAfter(old.at()) ? now : old);
    }

    @EventListener
    public void on(PositionsStored stored) {
        stored.positions().forEach(p -> latest.merge(p.deviceId(), p, (old, now) -> now.ts().isAfter(old.ts()) ? now : old));
    }

    @Scheduled(fixedDelayString = "${redwhistle.push.position-interval:500ms}")
    public void flush() {
        List<PositionsStored.Position> batch = new ArrayList<>(latest.size());
        for (String id : List.copyOf(latest.keySet())) {
            PositionsStored.Position p = latest.remove(id);
            if (p != null) {
                batch.add(p);
            }
        }
        for (PositionsStored.Position p : batch) {
            hub.publishForDevice(Destinations.POSITIONS, p.deviceId(), p);
        }
        for (Long id : List.copyOf(latestPhones.keySet())) {
            PhoneFixReported f = latestPhones.remove(id);
            if (f != null) {
                List<Long> path = members.areaPath(id);
                hub.publish(Destinations.POSITIONS, new MemberPosition(id, f.name(), f.lon(), f.lat(), f.at(), "phone"), u -> u.covers(path));
            }
        }
    }
}
