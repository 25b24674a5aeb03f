package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.zones.PerimeterGate;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.liveness.DeviceCameBack;
import org.redwhistle.ingest.liveness.DeviceWentSilent;
import org.redwhistle.ingest.pipeline.DeviceEventsStored;
import org.redwhistle.ingest.pipeline.StoredEvent;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raises alarms from stored device events. Repeats from the same device, rule and zone inside the
 * correlation window update the open alarm (count, last seen) instead of flooding the board.
 * Runs on its own thread so ingestion never waits on it, with the pipeline as the back-pressure
 * of last resort when the queue is full.
 */
@Service
public class AlarmService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    private final AlarmRepository alarms;
    private final AlarmQueries queries;
    private final DeviceDirectory devices;
    private final GridLocator grids;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final AlarmSteps steps;
    private final Duration correlationWindow;
    private final PerimeterGate perimeter;
    private final AlarmRules.Context context;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final JsonMapper json;
    private final Timer raiseTimer;
    private final ThreadPoolExecutor worker;

    public AlarmService(AlarmRepository alarms, AlarmQueries queries, DeviceDirectory devices, GridLocator grids,
            AuditLog audit, TransactionTemplate tx, AlarmSteps steps, AlarmProperties props,
            PerimeterGate perimeter, PlateWatchlist watchlist, org.redwhistle.api.faces.FaceWatchlist faces, org.redwhistle.geo.zones.ZoneDirectory zones,
            org.springframework.jdbc.core.simple.JdbcClient jdbc, JsonMapper json, MeterRegistry meters, WorkerPools pools) {
        this.worker = pools.bounded("alarm-rules", 1, 10_000);
        this.jdbc = jdbc;
        this.raiseTimer = Timer.builder("rw.alarm.raise").description("the statement raising or repeating an alarm")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.json = json;
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

            @Override
            public Optional<org.redwhistle.api.faces.WatchedFace> faceWatched(String personId, StoredEvent at) {
                List<Long> path = areaPath(at.grid(), at.deviceId());
                return faces.watched(personId, path, at.ts().toInstant());
            }
        };
        this.alarms = alarms;
        this.queries = queries;
        this.devices = devices;
        this.grids = grids;
        this.audit = audit;
        this.tx = tx;
        this.steps = steps;
        this.correlationWindow = props.correlationWindow();
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
            for (Alarm a : alarms.findByDeviceIdAndTypeAndStatusIn(deviceId, type, AlarmStatus.OPEN)) {
                a.resolveBySystem();
                ids.add(a.getId());
                audit.record(AuditLog.SYSTEM, "alarm.cleared", "alarm", String.valueOf(a.getId()), reason, Map.of("deviceId", deviceId));
            }
            return ids;
        });
        for (Long id : cleared) {
            log.info("alarm cleared: id={} type={} device={}", id, type, deviceId);
            queries.find(id).ifPresent(steps::changed);
        }
    }

    /**
     * Raising an alarm is one statement, committed on its own: the open alarm it repeats (locked)
     * gets its count and last sighting, else the new alarm is inserted with its audit record; the
     * snapshot that raised it is linked and verifies it; and the view the operators are pushed comes
     * back; a snapshot of the event that arrived before the alarm is linked too ({@link EventSnapshots} links
     * those that arrive after). Each round trip is one the operators' and patrol members' alerts wait for, and on a busy
     * machine each waits to be scheduled, in PostgreSQL and here: this was five (JPA's lookup,
     * insert, the audit, the commit and the read-back). Owned by alarms; it writes the audit row in
     * the audit feature's shape ({@link AuditLog#INSERT}) and links the snapshots feature's
     * {@code snapshot} row that raised it, and reads the view back with {@link AlarmQueries}' columns.
     */
    private static final String RAISE = """
            with open as (
                -- rule alarms without a device (tour rounds, people entering restricted areas) match nothing: each is its own incident
                select id from alarm
                where device_id = cast(:device as text) and type = :type and zone_id is not distinct from cast(:zone as text)
                  and status in (%s) and last_seen_at > :after
                order by last_seen_at desc limit 1 for update),
            repeated as (
                update alarm r set count = r.count + 1, event_msg_id = cast(:msg as text), last_seen_at = greatest(r.last_seen_at, :seen),
                    updated_at = now(), version = r.version + 1,
                    verification = case when cast(:snapshot as bigint) is null then r.verification else 'VERIFIED' end,
                    verification_note = case when cast(:snapshot as bigint) is null then r.verification_note else :reason end,
                    verified_at = case when cast(:snapshot as bigint) is null then r.verified_at else coalesce(r.verified_at, now()) end
                from open where r.id = open.id
                returning r.*),
            created as (
                insert into alarm (type, severity, status, title, device_id, event_msg_id, zone_id, grid_id, area_path, location,
                                   first_seen_at, last_seen_at, verification, verification_note, verified_at)
                select :type, :severity, 'NEW', :title, cast(:device as text), cast(:msg as text), cast(:zone as text),
                       cast(:grid as bigint), :path, st_setsrid(st_makepoint(:lon, :lat), 4326), :seen, :seen,
                       case when cast(:snapshot as bigint) is null then null else 'VERIFIED' end,
                       case when cast(:snapshot as bigint) is null then null else :reason end,
                       case when cast(:snapshot as bigint) is null then null else now() end
                where not exists (select from open)
                returning *),
            audited as (
                %s
                select 'system', 'alarm.raised', 'alarm', id::text, :reason, cast(:detail as jsonb) from created),
            linked as (
                -- the snapshot that raised it, and those its device sent for the event before the alarm existed (a face gate's picture)
                update snapshot s set alarm_id = x.id from (select id from created union all select id from repeated) x
                where (s.id = cast(:snapshot as bigint)
                       or cast(:msg as text) is not null and s.device_id = cast(:device as text) and s.event_msg_id = cast(:msg as text))
                  and s.alarm_id is null
                returning s.id, s.alarm_id),
            raised as (select *, true created from created union all select *, false created from repeated)
            """.formatted(AlarmStatus.sqlList(AlarmStatus.OPEN), AuditLog.INSERT) + AlarmQueries.selectFrom("a.created,", "raised",
            "array(select id from (select s.id from snapshot s where s.alarm_id = a.id union select l.id from linked l) x order by id)");

    private AlarmView raise(AlarmInput in) {
        Map<String, Object> detail = new java.util.HashMap<>();
        detail.put("deviceId", in.deviceId());
        detail.put("severity", in.severity().name());
        if (in.eventMsgId() != null) {
            detail.put("msgId", in.eventMsgId());
        }
        boolean[] created = new boolean[1];
        long started = System.nanoTime();
        // the event's snapshot may be stored while this statement runs: the lock orders the two (EventSnapshots)
        AlarmView view = in.deviceId() == null || in.eventMsgId() == null ? raiseStatement(in, detail, created)
                : tx.execute(s -> {
                    EventSnapshots.lockEvent(jdbc, in.deviceId(), in.eventMsgId());
                    return raiseStatement(in, detail, created);
                });
        raiseTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (created[0]) {
            log.info("alarm raised: id={} type={} device={} grid={}", view.id(), view.type(), view.deviceId(), view.gridName());
        }
        steps.changed(new AlarmChanged(view, created[0], !created[0]));
        return view;
    }

    private AlarmView raiseStatement(AlarmInput in, Map<String, Object> detail, boolean[] created) {
        return jdbc.sql(RAISE)
                .param("device", in.deviceId()).param("type", in.type()).param("zone", in.zoneId())
                .param("after", Timestamp.from(in.seenAt().minus(correlationWindow))).param("msg", in.eventMsgId())
                .param("seen", Timestamp.from(in.seenAt())).param("snapshot", in.snapshotId()).param("reason", in.reason())
                .param("severity", in.severity().name()).param("title", in.title()).param("grid", in.grid().map(g -> g.grid().id()).orElse(null))
                .param("path", areaPath(in)).param("lon", in.lon()).param("lat", in.lat()).param("detail", json.writeValueAsString(detail))
                .query((rs, i) -> {
                    created[0] = rs.getBoolean("created");
                    return AlarmQueries.view(rs, i);
                })
                .single();
    }

    /** District → … → grid; from the alarm's grid, else from the device's registered area. */
    private Long[] areaPath(AlarmInput in) {
        return areaPath(in.grid(), in.deviceId()).toArray(Long[]::new);
    }

    /** District → … → grid of a place: its grid's chain, else the chain of the device's registered area. */
    private List<Long> areaPath(Optional<GridChain> grid, String deviceId) {
        List<AreaRef> chain = grid.map(g -> g.areas())
                .orElseGet(() -> deviceId == null ? List.of() : devices.find(deviceId).map(d -> grids.chainOf(d.areaId())).orElse(List.of()));
        List<Long> path = new ArrayList<>(chain.size());
        for (int i = chain.size() - 1; i >= 0; i--) {
            path.add(chain.get(i).id());
        }
        return path;
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
