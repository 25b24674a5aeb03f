package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.leads.Leads;
import org.redwhistle.api.leads.RewardFunds;
import org.redwhistle.api.leads.Rewards;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** The alliance's figures of leads and rewards for a year (Beijing time) inside an area, for the dashboard. */
@RestController
public class LeadStatsController {

    private final Leads leads;
    private final Rewards rewards;
    private final RewardFunds funds;
    private final AreaScope areas;
    private final Blocking blocking;
    private final Clock clock;

    public LeadStatsController(Leads leads, Rewards rewards, RewardFunds funds, AreaScope areas, Blocking blocking, Clock clock) {
        this.leads = leads;
        this.rewards = rewards;
        this.funds = funds;
        this.areas = areas;
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * The leads sent in the year inside the area ({@code leads}, in review, judged valid or invalid), what came of
     * them (suspects caught, property recovered in yuan), the rewards paid in the year inside the area, and the
     * year's fund of the area's district (its budget and balance; the allocation it will get before its first use) —
     * the fund's figures only for holders of {@code fund.read} (null for the others, e.g. the command center).
     */
    public record LeadStats(int year, Long areaId, long leads, long reviewing, long valid, long invalid, long suspectsCaught,
            BigDecimal propertyRecoveredYuan, long rewardsPaidCount, BigDecimal rewardsPaidYuan, BigDecimal fundBudgetYuan, BigDecimal fundBalanceYuan) {
    }

    @GetMapping("/api/v1/leads/stats")
    public Mono<LeadStats> stats(Caller caller, @RequestParam(required = false) Integer year, @RequestParam(required = false) Long areaId) {
        int y = year == null ? Funds.yearOf(clock.instant()) : LeadController.checkYear(year);
        if (areaId != null && !areas.isInside(caller.user(), areaId)) {
            throw ApiException.notFound("area " + areaId);
        }
        // an area caller without an area reaches nothing (LeadScope.NOBODY), an administrator without one everything
        Long area = areaId != null ? areaId : LeadScope.area(caller);
        boolean fundFigures = caller.scopeFor(Permission.FUND_READ).isPresent() && (area == null || area != LeadScope.NOBODY);
        Instant[] span = Funds.year(y);
        return blocking.call(() -> {
            LeadStore.Figures f = leads.figures(area, span[0], span[1]);
            RewardStore.PaidFigures paid = rewards.paidFigures(area, span[0], span[1]);
            RewardFunds.FundView fund = fundFigures ? funds.fund(funds.district(area), y) : null;
            return new LeadStats(y, area, f.leads(), f.reviewing(), f.valid(), f.invalid(), f.suspectsCaught(), f.propertyRecovered(), paid.count(),
                    paid.amount(), fund == null ? null : fund.budgetYuan(), fund == null ? null : fund.balanceYuan());
        });
    }
}
