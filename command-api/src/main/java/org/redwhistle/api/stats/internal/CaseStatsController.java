package org.redwhistle.api.stats.internal;

import java.time.Clock;
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
 * <li>响应率 response rate: cases taken (接单), rejected or merged by their accept deadline ÷ cases
 * dispatched and not withdrawn;</li>
 * <li>解决率 resolution rate: evaluations saying resolved ÷ evaluations (every evaluation counts, also one
 * that sent the case back for rework);</li>
 * <li>满意率 satisfaction rate: (satisfied + w × basically satisfied) ÷ evaluations, w =
 * {@code redwhistle.stats.basically-satisfied-weight} (1.0);</li>
 * <li>cases closed without an evaluation (逾期未评价) count in both as {@code redwhistle.stats.not-evaluated}
 * says: EXCLUDED (default), or each as a resolved SATISFIED or BASICALLY_SATISFIED evaluation;</li>
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
    private final Clock clock;

    public CaseStatsController(CaseStatsStore store, AreaScope scope, Blocking blocking, StatsProperties props, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.scope = scope;
        this.blocking = blocking;
        this.props = props;
    }

    /** The counts and rates of a period; a rate is null when there is nothing to count. */
    public record Figures(long accepted, long closed, long open, long overdue, long complex, long rated, Double responseRate,
            Double resolutionRate, Double satisfactionRate, Double composite, long notEvaluated, long withdrawn, long rejected, long merged) {
    }

    /** One community's figures. */
    public record CommunityFigures(long communityId, String name, @JsonUnwrapped Figures figures) {
    }

    /** What each rate means, with the configured weights, and how cases closed without an evaluation count. */
    public record Definitions(String responseRate, String resolutionRate, String satisfactionRate, String composite, String notEvaluated) {
    }

    public record CaseStats(Instant from, Instant to, Long areaId, Figures total, List<CommunityFigures> byCommunity, Definitions definitions) {
    }

    @GetMapping("/cases")
    public Mono<CaseStats> cases(Caller caller, @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) Long areaId) {
        CurrentUser user = caller.user();
        Instant end = to == null ? clock.instant() : Params.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(365)) : Params.instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badField("from", "must be before to");
        }
        return blocking.call(() -> {
            Long area = areaId != null ? areaId : user.areaId();
            if (areaId != null && !scope.isInside(user, areaId)) {
                throw ApiException.badField("areaId", "is not an area inside yours");
            }
            Instant now = clock.instant();
            List<CommunityFigures> byCommunity = store.communities(area, start, end).stream()
                    .map(c -> new CommunityFigures(c.communityId(), c.name(), figures(store.counts(area, c.communityId(), start, end, now)))).toList();
            return new CaseStats(start, end, area, figures(store.counts(area, null, start, end, now)), byCommunity, definitions());
        });
    }

    private Definitions definitions() {
        String unevaluated = switch (props.notEvaluated()) {
            case EXCLUDED -> "";
            case SATISFIED -> " (each case closed without an evaluation counts as one evaluation saying resolved and satisfied)";
            case BASICALLY_SATISFIED -> " (each case closed without an evaluation counts as one evaluation saying resolved and basically satisfied)";
        };
        return new Definitions("cases taken, rejected or merged by their accept deadline / cases dispatched and not withdrawn",
                "evaluations saying resolved / evaluations (each evaluation counts, also those that sent a case back)" + unevaluated,
                "(satisfied + " + props.basicallySatisfiedWeight() + " x basically satisfied) / evaluations" + unevaluated,
                props.responseWeight() + " x response + " + props.resolutionWeight() + " x resolution + " + props.satisfactionWeight() + " x satisfaction",
                switch (props.notEvaluated()) {
                    case EXCLUDED -> "redwhistle.stats.not-evaluated = EXCLUDED: cases closed without an evaluation (逾期未评价，系统自动办结) are "
                            + "counted in notEvaluated and closed, and left out of the resolution and satisfaction rates";
                    case SATISFIED -> "redwhistle.stats.not-evaluated = SATISFIED: cases closed without an evaluation (逾期未评价，系统自动办结) "
                            + "count as resolved and satisfied (默认满意)";
                    case BASICALLY_SATISFIED -> "redwhistle.stats.not-evaluated = BASICALLY_SATISFIED: cases closed without an evaluation "
                            + "(逾期未评价，系统自动办结) count as resolved and basically satisfied";
                });
    }

    private Figures figures(CaseStatsStore.Counts n) {
        long dispatched = n.accepted() - n.withdrawn();
        long deemed = props.notEvaluated() == StatsProperties.NotEvaluated.EXCLUDED ? 0 : n.notEvaluated();
        long rated = n.rated() + deemed;
        long satisfied = n.satisfied() + (props.notEvaluated() == StatsProperties.NotEvaluated.SATISFIED ? deemed : 0);
        long basically = n.basicallySatisfied() + (props.notEvaluated() == StatsProperties.NotEvaluated.BASICALLY_SATISFIED ? deemed : 0);
        Double response = dispatched == 0 ? null : n.takenInTime() / (double) dispatched;
        Double resolution = rated == 0 ? null : (n.ratedResolved() + deemed) / (double) rated;
        Double satisfaction = rated == 0 ? null : (satisfied + props.basicallySatisfiedWeight() * basically) / rated;
        Double composite = response == null || resolution == null || satisfaction == null ? null
                : props.responseWeight() * response + props.resolutionWeight() * resolution + props.satisfactionWeight() * satisfaction;
        return new Figures(n.accepted(), n.closed(), n.open(), n.overdue(), n.complex(), n.rated(), round(response), round(resolution),
                round(satisfaction), round(composite), n.notEvaluated(), n.withdrawn(), n.rejected(), n.merged());
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }
}
