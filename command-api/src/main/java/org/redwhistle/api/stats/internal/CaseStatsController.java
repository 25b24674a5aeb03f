package org.redwhistle.api.stats.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/stats/cases?from&to&areaId}: the cases submitted in the period, inside the
 * area, in total and per community, with the three rates (三率). Definitions (REFERENCE-NOTES §3;
 * no primary source gives exact formulas, so they are stated and configurable):
 * <ul>
 * <li>响应率 response rate: cases taken (接单) by their accept deadline ÷ cases dispatched;</li>
 * <li>解决率 resolution rate: evaluations saying resolved ÷ evaluations (every evaluation counts, also one
 * that sent the case back for rework);</li>
 * <li>满意率 satisfaction rate: (satisfied + w × basically satisfied) ÷ evaluations, w =
 * {@code redwhistle.stats.basically-satisfied-weight} (1.0);</li>
 * <li>综合 composite: the three weighted by {@code redwhistle.stats.weights} (0.10, 0.45, 0.45).</li>
 * </ul>
 * A rate with nothing to count is null, not zero.
 */
@RestController
@RequestMapping("/api/v1/stats")
public class CaseStatsController {

    private final CaseStatsStore store;
    private final AreaScope scope;
    private final Blocking blocking;
    private final StatsProperties props;

    public CaseStatsController(CaseStatsStore store, AreaScope scope, Blocking blocking, StatsProperties props) {
        this.store = store;
        this.scope = scope;
        this.blocking = blocking;
        this.props = props;
    }

    /** The counts and rates of a period; a rate is null when there is nothing to count. */
    public record Figures(long accepted, long closed, long open, long overdue, long complex, long rated, Double responseRate,
            Double resolutionRate, Double satisfactionRate, Double composite) {
    }

    /** One community's figures. */
    public record CommunityFigures(long communityId, String name, @JsonUnwrapped Figures figures) {
    }

    /** What each rate means, with the configured weights. */
    public record Definitions(String responseRate, String resolutionRate, String satisfactionRate, String composite) {
    }

    public record CaseStats(Instant from, Instant to, Long areaId, Figures total, List<CommunityFigures> byCommunity, Definitions definitions) {
    }

    @GetMapping("/cases")
    public Mono<CaseStats> cases(Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long areaId) {
        CurrentUser user = caller.user();
        Instant end = to == null ? Instant.now() : Params.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(365)) : Params.instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badField("from", "must be before to");
        }
        return blocking.call(() -> {
            Long area = areaId != null ? areaId : user.areaId();
            if (areaId != null && !scope.isInside(user, areaId)) {
                throw ApiException.badField("areaId", "is not an area inside yours");
            }
            Instant now = Instant.now();
            List<CommunityFigures> byCommunity = store.communities(area, start, end).stream()
                    .map(c -> new CommunityFigures(c.communityId(), c.name(), figures(store.counts(area, c.communityId(), start, end, now)))).toList();
            return new CaseStats(start, end, area, figures(store.counts(area, null, start, end, now)), byCommunity, definitions());
        });
    }

    private Definitions definitions() {
        return new Definitions("cases taken by their accept deadline / cases dispatched",
                "evaluations saying resolved / evaluations (each evaluation counts, also those that sent a case back)",
                "(satisfied + " + props.basicallySatisfiedWeight() + " x basically satisfied) / evaluations",
                props.responseWeight() + " x response + " + props.resolutionWeight() + " x resolution + " + props.satisfactionWeight() + " x satisfaction");
    }

    private Figures figures(CaseStatsStore.Counts n) {
        Double response = n.accepted() == 0 ? null : n.takenInTime() / (double) n.accepted();
        Double resolution = n.rated() == 0 ? null : n.ratedResolved() / (double) n.rated();
        Double satisfaction = n.rated() == 0 ? null : (n.satisfied() + props.basicallySatisfiedWeight() * n.basicallySatisfied()) / n.rated();
        Double composite = response == null || resolution == null || satisfaction == null ? null
                : props.responseWeight() * response + props.resolutionWeight() * resolution + props.satisfactionWeight() * satisfaction;
        return new Figures(n.accepted(), n.closed(), n.open(), n.overdue(), n.complex(), n.rated(), round(response), round(resolution),
                round(satisfaction), round(composite));
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
