package org.redwhistle.api.stats;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    private final JdbcClient jdbc;
    private final AreaScope scope;
    private final Blocking blocking;
    private final double basicallyWeight;
    private final List<Double> weights;

    public CaseStatsController(JdbcClient jdbc, AreaScope scope, Blocking blocking,
            @Value("${redwhistle.stats.basically-satisfied-weight:1.0}") double basicallyWeight,
            @Value("${redwhistle.stats.weights:0.10,0.45,0.45}") List<Double> weights) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.blocking = blocking;
        this.basicallyWeight = basicallyWeight;
        this.weights = weights;
    }

    @GetMapping("/cases")
    public Mono<Map<String, Object>> cases(Caller caller, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) Long areaId) {
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
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", start);
            out.put("to", end);
            out.put("areaId", area);
            out.put("total", figures(area, null, start, end, now));
            List<Map<String, Object>> byCommunity = new ArrayList<>();
            jdbc.sql("""
                    select distinct c.community_id, a.name from case_file c join area a on a.id = c.community_id
                    where (cast(:area as bigint) is null or cast(:area as bigint) = any(c.area_path)) and c.submitted_at >= :from and c.submitted_at < :to
                    order by a.name""")
                    .param("area", area).param("from", Timestamp.from(start)).param("to", Timestamp.from(end))
                    .query(rs -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("communityId", rs.getLong(1));
                        m.put("name", rs.getString(2));
                        byCommunity.add(m);
                    });
            for (Map<String, Object> m : byCommunity) {
                m.putAll(figures(area, (Long) m.get("communityId"), start, end, now));
            }
            out.put("byCommunity", byCommunity);
            out.put("definitions", Map.of(
                    "responseRate", "cases taken by their accept deadline / cases dispatched",
                    "resolutionRate", "evaluations saying resolved / evaluations (each evaluation counts, also those that sent a case back)",
                    "satisfactionRate", "(satisfied + " + basicallyWeight + " x basically satisfied) / evaluations",
                    "composite", weights.get(0) + " x response + " + weights.get(1) + " x resolution + " + weights.get(2) + " x satisfaction"));
            return out;
        });
    }

    private Map<String, Object> figures(Long area, Long community, Instant from, Instant to, Instant now) {
        return jdbc.sql("""
                with c as (
                    select * from case_file
                    where (cast(:area as bigint) is null or cast(:area as bigint) = any(area_path))
                      and (cast(:community as bigint) is null or community_id = cast(:community as bigint))
                      and submitted_at >= :from and submitted_at < :to),
                e as (select ev.* from case_evaluation ev join c on c.id = ev.case_id)
                select (select count(*) from c) accepted,
                       (select count(*) from c where status = 'CLOSED') closed,
                       (select count(*) from c where status <> 'CLOSED') open,
                       (select count(*) from c where (status <> 'CLOSED' and resolve_due < :now) or closed_at > resolve_due) overdue,
                       (select count(*) from c where complex) complex,
                       (select count(*) from c where taken_at is not null and taken_at <= accept_due) taken_in_time,
                       (select count(*) from e) rated,
                       (select count(*) from e where resolved) rated_resolved,
                       (select count(*) from e where satisfaction = 'SATISFIED') satisfied,
                       (select count(*) from e where satisfaction = 'BASICALLY_SATISFIED') basically""")
                .param("area", area).param("community", community).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("now", Timestamp.from(now))
                .query((rs, i) -> {
                    long accepted = rs.getLong("accepted");
                    long rated = rs.getLong("rated");
                    Double response = accepted == 0 ? null : rs.getLong("taken_in_time") / (double) accepted;
                    Double resolution = rated == 0 ? null : rs.getLong("rated_resolved") / (double) rated;
                    Double satisfaction = rated == 0 ? null : (rs.getLong("satisfied") + basicallyWeight * rs.getLong("basically")) / rated;
                    Double composite = response == null || resolution == null || satisfaction == null ? null
                            : weights.get(0) * response + weights.get(1) * resolution + weights.get(2) * satisfaction;
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("accepted", accepted);
                    m.put("closed", rs.getLong("closed"));
                    m.put("open", rs.getLong("open"));
                    m.put("overdue", rs.getLong("overdue"));
                    m.put("complex", rs.getLong("complex"));
                    m.put("rated", rated);
                    m.put("responseRate", round(response));
                    m.put("resolutionRate", round(resolution));
                    m.put("satisfactionRate", round(satisfaction));
                    m.put("composite", round(composite));
                    return m;
                }).single();
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 10_000) / 10_000.0;
    }

}
