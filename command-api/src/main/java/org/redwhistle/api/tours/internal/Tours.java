package org.redwhistle.api.tours.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.PhoneFixReported;
import org.redwhistle.api.tours.TourAlarms;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.geo.tours.TourRound;
import org.redwhistle.geo.tours.TourSchedule;
import org.redwhistle.ingest.pipeline.DeviceEventsStored;
import org.redwhistle.ingest.pipeline.PositionsStored;
import org.redwhistle.ingest.pipeline.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Guard tours at run time: records checkpoint visits (a {@code patrol.checkpoint} scan, or a
 * position within the tour's radius of a checkpoint, from a terminal or a phone), evaluates each
 * round when it is due, stores its report and raises {@code tour.missed} for the checkpoints nobody
 * visited (or {@code tour.late} when all were visited, some after the round was due). A visit that
 * comes after the round was due but before the next one also updates an already stored report as
 * LATE (its checkpoint was already in the missed alarm). Rounds are evaluated once across instances
 * (the report's primary key).
 */
@Component
public class Tours {

    private static final Logger log = LoggerFactory.getLogger(Tours.class);
    /** GPS fixes arrive every second; one visit per checkpoint and subject per minute is plenty. */
    static final Duration GPS_VISIT_SPACING = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final TourStore store;
    private final TourAlarms alarms;
    private final JsonMapper json;
    private final Members members;
    private volatile List<Tour> tours = List.of();
    private final Map<String, Instant> lastGpsVisit = new ConcurrentHashMap<>();

    public Tours(JdbcClient jdbc, TourStore store, TourAlarms alarms, JsonMapper json, Members members) {
        this.members = members;
        this.jdbc = jdbc;
        this.store = store;
        this.alarms = alarms;
        this.json = json;
    }

    /** A tour as the rules need it. */
    public record Tour(long id, String code, String name, long areaId, List<Long> areaPath, TourSchedule schedule, double radiusM,
            Long memberId, Instant createdAt, List<TourRound.Checkpoint> route) {
    }

    public List<Tour> all() {
        return tours;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(initialDelayString = "${redwhistle.geo.refresh-interval:2s}", fixedDelayString = "${redwhistle.tours.reload-interval:10s}")
    public void reload() {
        Map<Long, List<TourRound.Checkpoint>> routes = new HashMap<>();
        jdbc.sql("select tour_id, seq, code, name, st_x(location), st_y(location) from tour_checkpoint order by tour_id, seq").query(rs -> {
            routes.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                    .add(new TourRound.Checkpoint(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getDouble(6)));
        });
        tours = jdbc.sql("""
                select t.id, t.code, t.name, t.area_id, a.path, t.window_from, t.window_to, t.interval_min, t.round_min, t.days,
                       t.radius_m, t.member_id, t.created_at
                from tour t join area a on a.id = t.area_id where t.active order by t.id""")
                .query((rs, i) -> {
                    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                    for (Short d : (Short[]) rs.getArray("days").getArray()) {
                        days.add(DayOfWeek.of(d));
                    }
                    return new Tour(rs.getLong("id"), rs.getString("code"), rs.getString("name"), rs.getLong("area_id"),
                            List.of((Long[]) rs.getArray("path").getArray()),
                            new TourSchedule(rs.getTime("window_from").toLocalTime(), rs.getTime("window_to").toLocalTime(),
                                    Duration.ofMinutes(rs.getInt("interval_min")), Duration.ofMinutes(rs.getInt("round_min")), days),
                            rs.getDouble("radius_m"), (Long) rs.getObject("member_id"), rs.getTimestamp("created_at").toInstant(),
                            List.copyOf(routes.getOrDefault(rs.getLong("id"), List.of())));
                }).list();
    }

    // ---- visits ----

    @EventListener
    public void on(DeviceEventsStored stored) {
        List<StoredEvent> scans = tours.isEmpty() ? List.of()
                : stored.events().stream().filter(e -> e.type() == EventType.PATROL_CHECKPOINT).toList();
        if (scans.isEmpty()) {
            return;
        }
        Map<String, Members.Carrier> carriers = members.carriers(scans.stream().map(StoredEvent::deviceId).toList());
        for (StoredEvent e : scans) {
            String code = e.payload().path("checkpointId").asText(null);
            Carrier who = carrier(e.deviceId(), carriers);
            for (Tour t : tours) {
                if (!who.allowedOn(t)) {
                    continue;
                }
                t.route().stream().filter(c -> c.code().equals(code))
                        .forEach(c -> visit(t, c.seq(), e.ts().toInstant(), "SCAN", who.subject()));
            }
        }
    }

    @EventListener
    public void on(PositionsStored stored) {
        if (tours.isEmpty()) {
            return;
        }
        Map<String, Members.Carrier> carriers = members.carriers(stored.positions().stream().map(PositionsStored.Position::deviceId).toList());
        for (PositionsStored.Position p : stored.positions()) {
            near(carrier(p.deviceId(), carriers), p.lon(), p.lat(), p.ts().toInstant());
        }
    }

    @EventListener
    public void on(PhoneFixReported fix) {
        if (!tours.isEmpty()) {
            near(new Carrier("member:" + fix.memberId(), fix.memberId()), fix.lon(), fix.lat(), fix.at());
        }
    }

    private record Carrier(String subject, Long memberId) {
        boolean allowedOn(Tour t) {
            return t.memberId() == null || t.memberId().equals(memberId);
        }
    }

    private static Carrier carrier(String deviceId, Map<String, Members.Carrier> carriers) {
        Members.Carrier m = carriers.get(deviceId);
        return m != null ? new Carrier("member:" + m.memberId(), m.memberId()) : new Carrier("device:" + deviceId, null);
    }

    private void near(Carrier who, double lon, double lat, Instant at) {
        for (Tour t : tours) {
            if (!who.allowedOn(t)) {
                continue;
            }
            for (TourRound.Checkpoint c : t.route()) {
                if (Math.abs(c.lat() - lat) * Ellipsoid.MIN_M_PER_DEG_LAT > t.radiusM() * 1.1
                        || Ellipsoid.distanceM(lon, lat, c.lon(), c.lat()) > t.radiusM()) {
                    continue;
                }
                String key = t.id() + ":" + c.seq() + ":" + who.subject();
                Instant last = lastGpsVisit.get(key);
                if (last == null || Duration.between(last, at).abs().compareTo(GPS_VISIT_SPACING) >= 0) {
                    lastGpsVisit.put(key, at);
                    visit(t, c.seq(), at, "GPS", who.subject());
                }
            }
        }
    }

    private void visit(Tour t, int seq, Instant at, String method, String subject) {
        store.insertVisit(t.id(), seq, at, method, subject);
        // a late visit to a round already evaluated: bring its report up to date
        t.schedule().roundFor(at).filter(r -> r.late(at)).ifPresent(r -> {
            TourRound.Report report = evaluate(t, r, Instant.now());
            store.updateReport(t.id(), r.start(), report.complete(), json.writeValueAsString(report));
        });
    }

    // ---- rounds ----

    public TourRound.Report evaluate(Tour t, TourSchedule.Round r, Instant now) {
        return TourRound.evaluate(r, t.route(), store.visits(t.id(), r.start(), r.next()), now);
    }

    /** Evaluates every round that fell due since the tour was created (at most a day back) and is not stored yet. */
    @Scheduled(initialDelayString = "${redwhistle.tours.evaluate-interval:15s}", fixedDelayString = "${redwhistle.tours.evaluate-interval:15s}")
    public void evaluateDueRounds() {
        Instant now = Instant.now();
        for (Tour t : tours) {
            try {
                Instant from = t.createdAt().isAfter(now.minus(Duration.ofDays(1))) ? t.createdAt() : now.minus(Duration.ofDays(1));
                for (TourSchedule.Round r : t.schedule().roundsStartingBetween(from, now)) {
                    if (!r.due().isAfter(now)) {
                        finish(t, r, now);
                    }
                }
            } catch (RuntimeException e) {
                log.error("evaluating tour {} failed: {}", t.code(), e.toString());
            }
        }
    }

    private void finish(Tour t, TourSchedule.Round r, Instant now) {
        if (store.roundStored(t.id(), r.start())) {
            return;
        }
        TourRound.Report report = evaluate(t, r, now);
        boolean inserted = store.insertRound(t.id(), r.start(), r.due(), report.complete(), json.writeValueAsString(report));
        List<TourRound.Line> missed = report.missed();
        List<TourRound.Line> late = report.late();
        if (!inserted || (missed.isEmpty() && late.isEmpty())) {
            return;
        }
        TourRound.Line worst = missed.isEmpty() ? late.get(0) : missed.get(0);
        TourRound.Checkpoint at = t.route().stream().filter(c -> c.seq() == worst.seq()).findFirst().orElseThrow();
        String when = r.start().atZone(ZoneId.of("Asia/Shanghai")).toLocalTime().toString();
        List<String> parts = new ArrayList<>();
        if (!missed.isEmpty()) {
            parts.add("漏检：" + String.join("、", missed.stream().map(TourRound.Line::name).toList()));
        }
        if (!late.isEmpty()) {
            parts.add("超时：" + String.join("、", late.stream().map(TourRound.Line::name).toList()));
        }
        TourAlarms.Kind kind = missed.isEmpty() ? TourAlarms.Kind.LATE : TourAlarms.Kind.MISSED;
        long alarmId = alarms.raiseRoundAlarm(kind, "巡更异常：" + t.name() + " " + when + " 轮（" + String.join("；", parts) + "）",
                t.code(), at.lon(), at.lat(), r.due(), "round of " + r.start() + ": " + missed.size() + " missed, " + late.size()
                        + " late of " + t.route().size() + " checkpoints");
        store.setAlarm(t.id(), r.start(), alarmId);
        log.info("tour {} round {}: {} missed, {} late of {} checkpoints, alarm {}", t.code(), r.start(), missed.size(), late.size(),
                t.route().size(), alarmId);
    }

    /**
     * A round's report; {@code evaluated} when it was stored at its due time (with the alarm it
     * raised, if any), otherwise evaluated for this answer.
     */
    public record RoundView(TourRound.Report report, Long alarmId, boolean evaluated, Instant start, Instant due) {
    }

    /** The reports of the rounds starting in [from, to]: stored ones as stored, the others evaluated now. */
    public List<RoundView> rounds(Tour t, Instant from, Instant to) {
        Map<Instant, TourStore.StoredRound> stored = new HashMap<>();
        for (TourStore.StoredRound s : store.rounds(t.id(), from, to)) {
            stored.put(s.start(), s);
        }
        Instant now = Instant.now();
        List<RoundView> out = new ArrayList<>();
        for (TourSchedule.Round r : t.schedule().roundsStartingBetween(from, to)) {
            if (r.start().isBefore(t.createdAt().minus(t.schedule().interval())) && !stored.containsKey(r.start())) {
                continue;
            }
            TourStore.StoredRound s = stored.get(r.start());
            out.add(s == null ? new RoundView(evaluate(t, r, now), null, false, r.start(), r.due())
                    : new RoundView(json.readValue(s.reportJson(), TourRound.Report.class), s.alarmId(), true, r.start(), r.due()));
        }
        return out;
    }
}
