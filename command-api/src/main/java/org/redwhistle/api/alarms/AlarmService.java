package org.redwhistle.api.alarms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.zones.PerimeterGate;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.liveness.DeviceCameBack;
import org.redwhistle.ingest.liveness.DeviceWentSilent;
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
 * Raises alarms from stored device events. Repeats from the same device, rule and zone inside the
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
    private final PerimeterGate perimeter;
    private final AlarmRules.Context context;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(10_000), r -> new Thread(r, "alarm-rules"), new ThreadPoolExecutor.CallerRunsPolicy());

    public AlarmService(AlarmRepository alarms, AlarmQueries queries, DeviceDirectory devices, GridLocator grids,
            AuditLog audit, TransactionTemplate tx, ApplicationEventPublisher events,
            @Value("${redwhistle.alarms.correlation-window:5m}") Duration correlationWindow,
            PerimeterGate perimeter, PlateWatchlist watchlist, org.redwhistle.geo.zones.ZoneDirectory zones,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.perimeter = perimeter;
        this.context = new AlarmRules.Context() {
            @Override
            public Optional<String> watched(String plate) {
                return watchlist.watched(plate);
            }

            @Override
            public Optional<String> armedRestrictedArea(double lon, double lat, Instant at) {
                return zones.restrictedAt(lon, lat).stream().filter(z -> z.isArmed(at)).map(org.redwhistle.geo.zones.Zone::code).findFirst();
            }
        };
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
            AlarmRules.evaluate(e, context).ifPresent(raised::add);
        }
        if (!raised.isEmpty()) {
            worker.execute(() -> raised.forEach(this::raiseSafely));
        }
    }

    private void raiseSafely(AlarmRules.Candidate c) {
        try {
            if (c.event().type() == EventType.PERIMETER_INTRUSION) {
                if (!perimeter.admit(c.event())) {
                    return;
                }
                AlarmView a = raise(c);
                perimeter.raised(c.event(), a.id());
                return;
            }
            raise(c);
        } catch (RuntimeException ex) {
            log.error("alarm rule failed for device {} msg {}: {}", c.event().deviceId(), c.event().msgId(), ex.toString());
        }
    }

    /** What any rule hands over to raise an alarm. */
    private record AlarmInput(String type, AlarmSeverity severity, String title, String deviceId, String eventMsgId,
            String zoneId, double lon, double lat, Optional<GridChain> grid, Instant seenAt, String reason, Long snapshotId) {
        AlarmInput(String type, AlarmSeverity severity, String title, String deviceId, String eventMsgId, String zoneId, double lon,
                double lat, Optional<GridChain> grid, Instant seenAt, String reason) {
            this(type, severity, title, deviceId, eventMsgId, zoneId, lon, lat, grid, seenAt, reason, null);
        }
    }

    /** Raises or repeats the alarm of an event rule, then publishes it once committed. */
    public AlarmView raise(AlarmRules.Candidate c) {
        StoredEvent e = c.event();
        return raise(new AlarmInput(c.type(), c.severity(), c.title(), e.deviceId(), e.msgId(), c.zoneId(), e.lon(), e.lat(),
                e.grid(), e.ts().toInstant(), "rule " + c.type()));
    }

    /** zone.enter: a person or device entered an armed restricted area. */
    public AlarmView raiseZoneEntry(String zoneCode, String zoneName, String subjectLabel, String deviceId, double lon, double lat,
            Instant at) {
        return raise(new AlarmInput("zone.enter", AlarmSeverity.HIGH, "进入禁区：" + zoneName + "（" + subjectLabel + "）", deviceId, null,
                zoneCode, lon, lat, grids.locate(lon, lat), at, "restricted area " + zoneCode + " entered by " + subjectLabel));
    }

    /**
     * camera.person.restricted from the platform's own analysis: people seen on a camera's snapshot
     * inside an armed restricted area. The snapshot is linked to the alarm, which is verified by it.
     */
    public AlarmView raiseCameraSighting(String zoneCode, String zoneName, String deviceId, double lon, double lat, Instant at, long snapshotId,
            String note) {
        return raise(new AlarmInput("camera.person.restricted", AlarmSeverity.HIGH, "禁区内发现人员（视频分析）：" + zoneName, deviceId, null, zoneCode,
                lon, lat, grids.locate(lon, lat), at, note, snapshotId));
    }

    /** An alarm raised by a platform rule rather than a device event (e.g. tour.missed); {@code ref} goes into zone_id. */
    public AlarmView raiseRule(String type, AlarmSeverity severity, String title, String ref, double lon, double lat, Instant at, String reason) {
        return raise(new AlarmInput(type, severity, title, null, null, ref, lon, lat, grids.locate(lon, lat), at, reason));
    }

    /** device.offline: a device missed its heartbeats. */
    @EventListener
    public void on(DeviceWentSilent silent) {
        devices.find(silent.deviceId()).ifPresent(d -> worker.execute(() -> {
            try {
                raise(new AlarmInput("device.offline", AlarmSeverity.MEDIUM, "设备离线", d.id(), null, null, d.lon(), d.lat(),
                        grids.locate(d.lon(), d.lat()), silent.lastSeen(), "no heartbeat since " + silent.lastSeen()));
            } catch (RuntimeException ex) {
                log.error("device.offline alarm for {} failed: {}", d.id(), ex.toString());
            }
        }));
    }

    /** The device.offline alarm clears itself when the device speaks again. */
    @EventListener
    public void on(DeviceCameBack back) {
        worker.execute(() -> {
            try {
                clear(back.deviceId(), "device.offline", "device came back at " + back.at());
            } catch (RuntimeException ex) {
                log.error("clearing device.offline for {} failed: {}", back.deviceId(), ex.toString());
            }
        });
    }

    /** Resolves the open alarms of this device and type on the system's behalf; audited and pushed. */
    public void clear(String deviceId, String type, String reason) {
        List<Long> cleared = tx.execute(s -> {
            List<Long> ids = new ArrayList<>();
            for (Alarm a : alarms.findByDeviceIdAndTypeAndStatusIn(deviceId, type, OPEN)) {
                a.resolveBySystem();
                ids.add(a.getId());
                audit.record(AuditLog.SYSTEM, "alarm.cleared", "alarm", String.valueOf(a.getId()), reason, Map.of("deviceId", deviceId));
            }
            return ids;
        });
        for (Long id : cleared) {
            log.info("alarm cleared: id={} type={} device={}", id, type, deviceId);
            queries.find(id).ifPresent(v -> events.publishEvent(new AlarmChanged(v, false)));
        }
    }

    private AlarmView raise(AlarmInput in) {
        Outcome outcome = tx.execute(s -> {
            // rule alarms without a device (tour rounds, people entering restricted areas) are each their own incident
            var open = in.deviceId() == null ? Optional.<Alarm>empty()
                    : alarms.findOpenRepeat(in.deviceId(), in.type(), in.zoneId(), OPEN, in.seenAt().minus(correlationWindow));
            if (open.isPresent()) {
                Alarm a = open.get();
                a.repeat(in.eventMsgId(), in.seenAt());
                linkSnapshot(in, a.getId());
                return new Outcome(a.getId(), false);
            }
            Alarm a = alarms.saveAndFlush(new Alarm(in.type(), in.severity(), in.title(), in.deviceId(), in.eventMsgId(), in.zoneId(),
                    in.grid().map(g -> g.grid().id()).orElse(null), areaPath(in), Geometries.point(in.lon(), in.lat()), in.seenAt()));
            linkSnapshot(in, a.getId());
            Map<String, Object> detail = new java.util.HashMap<>();
            detail.put("deviceId", in.deviceId());
            detail.put("severity", in.severity().name());
            if (in.eventMsgId() != null) {
                detail.put("msgId", in.eventMsgId());
            }
            audit.record(AuditLog.SYSTEM, "alarm.raised", "alarm", String.valueOf(a.getId()), in.reason(), detail);
            return new Outcome(a.getId(), true);
        });
        AlarmView view = queries.find(outcome.id()).orElseThrow();
        if (outcome.created()) {
            log.info("alarm raised: id={} type={} device={} grid={}", view.id(), view.type(), view.deviceId(), view.gridName());
        }
        events.publishEvent(new AlarmChanged(view, outcome.created(), !outcome.created()));
        return view;
    }

    private record Outcome(long id, boolean created) {
    }

    /** The snapshot that raised the alarm belongs to it, and verifies it. */
    private void linkSnapshot(AlarmInput in, long alarmId) {
        if (in.snapshotId() == null) {
            return;
        }
        jdbc.sql("update snapshot set alarm_id = ? where id = ? and alarm_id is null").params(alarmId, in.snapshotId()).update();
        jdbc.sql("update alarm set verification = 'VERIFIED', verification_note = ?, verified_at = coalesce(verified_at, now()) where id = ?")
                .params(in.reason(), alarmId).update();
    }

    /** District → … → grid; from the alarm's grid, else from the device's registered area. */
    private Long[] areaPath(AlarmInput in) {
        List<AreaRef> chain = in.grid().map(g -> g.areas())
                .orElseGet(() -> devices.find(in.deviceId()).map(d -> grids.chainOf(d.areaId())).orElse(List.of()));
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
