package org.redwhistle.api.stats.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/stats/cases?from&to&areaId}: the cases submitted in the period, inside the
 * area, in total and per community, with the three rates (三率) as {@link Rates} defines them;
 * {@code GET /api/v1/stats/cases/units}: the same figures for every street and community in scope,
 * ranked among their kind ({@link UnitStatistics}).
 */
@RestController
@RequestMapping("/api/v1/stats")
public class CaseStatsController {

    private final CaseStatsStore store;
    private final UnitStatistics units;
    private final StatsParams params;
    private final Rates rates;
    private final Blocking blocking;
    private final Clock clock;

    public CaseStatsController(CaseStatsStore store, UnitStatistics units, StatsParams params, Rates rates, Blocking blocking, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.units = units;
        this.params = params;
        this.rates = rates;
        this.blocking = blocking;
    }

    /** One community's figures. */
    public record CommunityFigures(long communityId, String name, @JsonUnwrapped Figures figures) {
    }

    public record CaseStats(Instant from, Instant to, Long areaId, Figures total, List<CommunityFigures> byCommunity, Definitions definitions) {
    }

    /** Every unit in scope, streets then communities, each ranked among its kind. */
    public record UnitStats(Instant from, Instant to, Long areaId, List<UnitStatistics.UnitRow> units, Definitions definitions) {
    }

    @GetMapping("/cases")
    public Mono<CaseStats> cases(Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long areaId) {
        StatsParams.Period p = params.period(from, to);
        return blocking.call(() -> {
            Long area = params.area(caller.user(), areaId);
            Instant now = clock.instant();
            List<CommunityFigures> byCommunity = store.communities(area, p.from(), p.to()).stream()
                    .map(c -> new CommunityFigures(c.communityId(), c.name(), rates.figures(store.counts(area, c.communityId(), p.from(), p.to(), now))))
                    .toList();
            return new CaseStats(p.from(), p.to(), area, rates.figures(store.counts(area, null, p.from(), p.to(), now)), byCommunity,
                    rates.definitions());
        });
    }

    /**
     * Per unit: every street and community inside the caller's area (or {@code areaId} inside it), with
     * the counts of the cases submitted in [from, to), the three rates and the supervision orders issued to
     * the unit in the period; ranked among its kind, worst first (most overdue, then lowest 满意率).
     */
    @GetMapping("/cases/units")
    public Mono<UnitStats> units(Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long areaId) {
        StatsParams.Period p = params.period(from, to);
        return blocking.call(() -> {
            Long area = params.area(caller.user(), areaId);
            return new UnitStats(p.from(), p.to(), area, units.rows(area, p.from(), p.to()), rates.definitions());
        });
    }
}
