package org.redwhistle.api.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.ingest.pipeline.PositionsStored;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Patrol positions on {@code /topic/positions}, conflated per device: whatever the device rate,
 * each subscriber gets at most the latest fix per device per flush interval.
 */
@Component
public class PositionFeed {

    private final Map<String, PositionsStored.Position> latest = new ConcurrentHashMap<>();
    private final PushHub hub;

    public PositionFeed(PushHub hub) {
        this.hub = hub;
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
    }
}
