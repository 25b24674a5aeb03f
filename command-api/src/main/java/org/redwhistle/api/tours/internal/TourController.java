package org.redwhistle.api.tours.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.tours.TourRound;
import org.redwhistle.geo.tours.TourSchedule;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Guard tours (夜间巡更): create a route of ordered checkpoints with its round schedule, list the
 * tours of the caller's area, and read the per-round reports (on time, late, missed, in order).
 */
@RestController
@RequestMapping("/api/v1/tours")
public class TourController {

    private final TourStore store;
    private final Tours tours;
    private final AreaScope scope;
    private final AuditLog audit;
    private final Blocking blocking;
    private final TransactionTemplate tx;

    public TourController(TourStore store, Tours tours, AreaScope scope, AuditLog audit, Blocking blocking, TransactionTemplate tx) {
        this.store = store;
        this.tours = tours;
        this.scope = scope;
        this.audit = audit;
        this.blocking = blocking;
        this.tx = tx;
    }

    public record CheckpointBody(String code, String name, Double lon, Double lat, String crs) {
    }

    public record TourBody(String code, String name, Long areaId, String windowFrom, String windowTo, Integer intervalMin, Integer roundMin,
            List<Integer> days, Double radiusM, Long memberId, List<CheckpointBody> checkpoints) {
    }

    /** The tour created. */
    public record TourRef(long id, String code) {
    }

    /** A tour as listed: its round schedule (ISO days 1 Monday … 7 Sunday) and route. */
    public record TourView(long id, String code, String name, long areaId, String windowFrom, String windowTo, long intervalMin, long roundMin,
            List<Integer> days, double radiusM, Long memberId, List<TourRound.Checkpoint> checkpoints) {
    }

    /** The tours the caller may see. */
    public record TourList(List<TourView> items) {
    }

    /** A tour's rounds in the asked period. */
    public record RoundsPage(long tourId, String code, List<Tours.RoundView> rounds) {
    }

    @Refuses(status = 409, when = "a tour with this code exists already")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TourRef> create(Caller caller, @RequestBody TourBody b) {
        CurrentUser user = caller.user();
        if (b.code() == null || b.code().isBlank() || b.code().length() > 64) {
            throw ApiException.badField("code", "is required, at most 64 characters");
        }
        if (b.name() == null || b.name().isBlank()) {
            throw ApiException.badField("name", "is required");
        }
        if (b.areaId() == null) {
            throw ApiException.badField("areaId", "is required");
        }
        LocalTime from = time("windowFrom", b.windowFrom());
        LocalTime to = time("windowTo", b.windowTo());
        int interval = b.intervalMin() == null ? 120 : b.intervalMin();
        int round = b.roundMin() == null ? 60 : b.roundMin();
        if (interval < 1 || interval > 1440) {
            throw ApiException.badField("intervalMin", "must be from 1 to 1440");
        }
        if (round < 1 || round > interval) {
            throw ApiException.badField("roundMin", "must be from 1 to intervalMin (" + interval + ")");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (Integer d : b.days() == null ? List.<Integer>of() : b.days()) {
            if (d == null || d < 1 || d > 7) {
                throw ApiException.badField("days", "must hold numbers 1 (Monday) to 7 (Sunday)");
            }
            days.add(DayOfWeek.of(d));
        }
        new TourSchedule(from, to, Duration.ofMinutes(interval), Duration.ofMinutes(round), days);
        double radius = b.radiusM() == null ? 30 : b.radiusM();
        if (!(radius > 0 && radius <= 500)) {
            throw ApiException.badField("radiusM", "must be more than 0 and at most 500");
        }
        if (b.checkpoints() == null || b.checkpoints().isEmpty()) {
            throw ApiException.badField("checkpoints", "a tour needs at least one checkpoint");
        }
        List<TourStore.NewCheckpoint> route = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < b.checkpoints().size(); i++) {
            CheckpointBody c = b.checkpoints().get(i);
            String f = "checkpoints[" + i + "]";
            if (c.code() == null || c.code().isBlank() || !codes.add(c.code())) {
                throw ApiException.badField(f + ".code", "is required and unique within the tour");
            }
            if (c.lon() == null || c.lat() == null || !(c.lon() >= -180 && c.lon() <= 180) || !(c.lat() >= -90 && c.lat() <= 90)) {
                throw ApiException.badField(f + ".lon", "lon and lat are required numbers in range");
            }
            CoordinateSystem crs = Crs.parse(f + ".crs", c.crs());
            ChineseCoordinates.LonLat w = Crs.toWgs84(crs, c.lon(), c.lat());
            route.add(new TourStore.NewCheckpoint(c.code(), c.name() == null ? c.code() : c.name(), w.lon(), w.lat()));
        }
        return blocking.call(() -> {
            if (!scope.isInside(user, b.areaId())) {
                throw ApiException.badField("areaId", "is not an area inside yours");
            }
            long id = tx.execute(s -> {
                if (store.codeTaken(b.code())) {
                    throw new ApiException(HttpStatus.CONFLICT, "Conflict", "code: a tour " + b.code() + " exists already",
                            List.of(new ApiException.FieldError("code", "a tour " + b.code() + " exists already")));
                }
                long created = store.create(b.code(), b.name(), b.areaId(), from, to, interval, round, days, radius, b.memberId(), route);
                audit.record(user.username(), "tour.created", "tour", String.valueOf(created), null,
                        Map.of("code", b.code(), "checkpoints", b.checkpoints().size(), "window", from + "–" + to, "intervalMin", interval,
                                "roundMin", round));
                return created;
            });
            tours.reload();
            return new TourRef(id, b.code());
        });
    }

    @GetMapping
    public Mono<TourList> list(Caller caller) {
        CurrentUser user = caller.user();
        List<TourView> items = new ArrayList<>();
        for (Tours.Tour t : tours.all()) {
            if (!user.covers(t.areaPath())) {
                continue;
            }
            TourSchedule s = t.schedule();
            items.add(new TourView(t.id(), t.code(), t.name(), t.areaId(), s.windowFrom().toString(), s.windowTo().toString(), s.interval().toMinutes(),
                    s.roundLength().toMinutes(), s.days().stream().map(DayOfWeek::getValue).sorted().toList(), t.radiusM(), t.memberId(), t.route()));
        }
        return Mono.just(new TourList(items));
    }

    @GetMapping("/{id}/rounds")
    public Mono<RoundsPage> rounds(Caller caller, @PathVariable long id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        CurrentUser user = caller.user();
        Tours.Tour t = tours.all().stream().filter(x -> x.id() == id && user.covers(x.areaPath())).findFirst()
                .orElseThrow(() -> ApiException.notFound("tour " + id));
        Instant end = to == null ? Instant.now() : Params.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : Params.instant("from", from);
        if (!start.isBefore(end) || Duration.between(start, end).compareTo(Duration.ofDays(7)) > 0) {
            throw ApiException.badField("from", "must be before to, at most 7 days apart");
        }
        return blocking.call(() -> new RoundsPage(id, t.code(), tours.rounds(t, start, end)));
    }

    private static LocalTime time(String field, String v) {
        try {
            return LocalTime.parse(v);
        } catch (RuntimeException e) {
            throw ApiException.badField(field, "must be a time like 22:00");
        }
    }

}
