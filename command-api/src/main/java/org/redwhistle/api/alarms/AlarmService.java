package org.redwhistle.api.alarms;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.pipeline.DeviceEventsStored;
import org.redwhistle.ingest.pipeline.StoredEvent;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Raises alarms from stored device events. Repeats from the same device and rule inside the
 * correlation window update the open alarm (count, last seen) instead of flooding the board.
 * Runs on its own thread so ingestion never waits on it, with the pipeline as the back-pressure
 * of last resort when the queue is full.
 */
@Service
public class AlarmService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);
    private static final EnumSet<AlarmStatus> OPEN = EnumSet.of(AlarmStatus.NEW, AlarmStatus.ACKNOWLEDGED,
            AlarmStatus.DISPATCHED, AlarmStatus.ON_SCENE);

    private final AlarmRepository alarms;
    private final AlarmQueries queries;
    private final DeviceDirectory devices;
    private final GridLocator grids;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Duration correlationWindow;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> new Thread(r, "alarm-rules"), new ThreadPoolExecutor.CallerRunsPolicy());

    public AlarmService(AlarmRepository alarms, AlarmQueries queries, DeviceDirectory devices, GridLocator grids,
            AuditLog audit, TransactionTemplate tx, ApplicationEventPublisher events,
            @Value("${redwhistle.alarms.correlation-window:5m}") Duration correlationWindow) {
        this.alarms = alarms;
        this.queries = queries;
        this.devices = devices;
        this.grids = grids;
        this.audit = audit;
        this.tx = tx;
        this.events = events;
        this.correlationWindow = correlationWindow;
    }

    @EventListener
    public void on(DeviceEventsStored stored) {
        List<AlarmRules.Candidate> raised = new ArrayList<>();
        for (StoredEvent e : stored.events()) {
            AlarmRules.evaluate(e).ifPresent(raised::add);
        }
        if (!raised.isEmpty()) {
            worker.execute(() -> raised.forEach(this::raiseSafely));
        }
    }

    private void raiseSafely(AlarmRules.Candidate c) {
        try {
            raise(c);
        } catch (RuntimeException ex) {
            log.error("alarm rule failed for device {} msg {}: {}", c.event().deviceId(), c.event().msgId(), ex.toString());
        }
    }

    /** Raises or repeats the alarm, then publishes it once committed. */
    public AlarmView raise(AlarmRules.Candidate c) {
        StoredEvent e = c.event();
        var seenAt = e.ts().toInstant();
        Outcome outcome = tx.execute(s -> {
            var open = alarms.findFirstByDeviceIdAndTypeAndStatusInAndLastSeenAtAfterOrderByLastSeenAtDesc(
                    e.deviceId(), c.type(), OPEN, seenAt.minus(correlationWindow));
            if (open.isPresent()) {
                Alarm a = open.get();
                a.repeat(e.msgId(), seenAt);
                return new Outcome(a.getId(), false);
            }
            Alarm a = alarms.save(new Alarm(c.type(), c.severity(), c.title(), e.deviceId(), e.msgId(), c.zoneId(),
                    e.grid().map(g -> g.grid().id()).orElse(null), areaPath(e), Geometries.point(e.lon(), e.lat()), seenAt));
            audit.record(AuditLog.SYSTEM, "alarm.raised", "alarm", String.valueOf(a.getId()), "rule " + c.type(),
                    Map.of("deviceId", e.deviceId(), "msgId", e.msgId(), "severity", c.severity().name()));
            return new Outcome(a.getId(), true);
        });
        AlarmView view = queries.find(outcome.id()).orElseThrow();
        if (outcome.created()) {
            log.info("alarm raised: id={} type={} device={} grid={}", view.id(), view.type(), view.deviceId(), view.gridName());
        }
        events.publishEvent(new AlarmChanged(view, outcome.created()));
        return view;
    }

    private record Outcome(long id, boolean created) {
    }

    /** District → … → grid; from the event's grid, else from the device's registered area. */
    private Long[] areaPath(StoredEvent e) {
        List<AreaRef> chain = e.grid().map(g -> g.areas())
                .orElseGet(() -> devices.find(e.deviceId()).map(d -> grids.chainOf(d.areaId())).orElse(List.of()));
        Long[] path = new Long[chain.size()];
        for (int i = 0; i < chain.size(); i++) {
            path[chain.size() - 1 - i] = chain.get(i).id();
        }
        return path;
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
