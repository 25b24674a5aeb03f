package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.leads.FundMovementKind;
import org.redwhistle.api.leads.LeadView;
import org.redwhistle.api.leads.Leads;
import org.redwhistle.api.leads.RewardFunds;
import org.redwhistle.api.leads.RewardStatus;
import org.redwhistle.api.leads.RewardView;
import org.redwhistle.api.leads.Rewards;
import org.redwhistle.api.members.Members;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Rewards for leads: proposed by the police, approved (paid) or refused by a police leader; the district's fund
 * of a year with its ledger, money put into it by an administrator, and the year's report of paid rewards.
 */
@RestController
@RequestMapping("/api/v1/rewards")
public class RewardController {

    private final Rewards rewards;
    private final RewardFunds funds;
    private final Leads leads;
    private final Members members;
    private final AreaScope areas;
    private final RewardProperties props;
    private final Blocking blocking;
    private final Clock clock;

    public RewardController(Rewards rewards, RewardFunds funds, Leads leads, Members members, AreaScope areas, RewardProperties props, Blocking blocking,
            Clock clock) {
        this.rewards = rewards;
        this.funds = funds;
        this.leads = leads;
        this.members = members;
        this.areas = areas;
        this.props = props;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** The rewards the caller may read. */
    public record RewardList(List<RewardView> items) {
    }

    @GetMapping
    public Mono<RewardList> list(Caller caller, @RequestParam(required = false) String status, @RequestParam(required = false) Long leadId,
            @RequestParam(defaultValue = "500") int limit) {
        RewardStatus s = status == null || status.isBlank() ? null : Params.enumValue(RewardStatus.class, "status", status);
        if (limit < 1 || limit > LeadController.MAX_LIMIT) {
            throw ApiException.badField("limit", "must be from 1 to " + LeadController.MAX_LIMIT);
        }
        return blocking.call(() -> new RewardList(rewards.list(new Rewards.Query(LeadScope.area(caller), LeadScope.member(caller, members), leadId, s,
                limit))));
    }

    /** A proposal: for which lead, to which member (the lead's sender when absent, else a PATROL member inside your area), how many yuan, why. */
    public record RewardProposal(Long leadId, Long memberId, BigDecimal amountYuan, String reason) {
    }

    @PostMapping
    public Mono<RewardView> propose(Caller caller, @RequestBody RewardProposal body) {
        if (body.leadId() == null) {
            throw ApiException.badField("leadId", "is required");
        }
        BigDecimal amount = Yuan.positive("amountYuan", body.amountYuan(), props.maxReward());
        if (body.reason() != null && body.reason().length() > 500) {
            throw ApiException.badField("reason", "is at most 500 characters");
        }
        return blocking.call(() -> {
            LeadView lead = leads.find(body.leadId()).filter(l -> LeadScope.reaches(caller, members, l.areaPath(), l.memberId()))
                    .orElseThrow(() -> ApiException.notFound("lead " + body.leadId()));
            return rewards.propose(caller.user(), lead.id(), body.memberId(), amount, body.reason(), clock.instant());
        });
    }

    /** The leader's word on the proposal (required to refuse). */
    public record RewardDecision(String note) {
    }

    @PostMapping("/{id}/approve")
    public Mono<RewardView> approve(Caller caller, @PathVariable long id, @RequestBody(required = false) RewardDecision body) {
        return blocking.call(() -> {
            visible(caller, id);
            return rewards.approve(caller.user().username(), id, body == null ? null : body.note(), clock.instant());
        });
    }

    @PostMapping("/{id}/refuse")
    public Mono<RewardView> refuse(Caller caller, @PathVariable long id, @RequestBody(required = false) RewardDecision body) {
        return blocking.call(() -> {
            visible(caller, id);
            return rewards.refuse(caller.user().username(), id, body == null ? null : body.note(), clock.instant());
        });
    }

    @GetMapping("/fund")
    public Mono<RewardFunds.FundView> fund(Caller caller, @RequestParam(required = false) Integer year, @RequestParam(required = false) Long areaId) {
        int y = year == null ? Funds.yearOf(clock.instant()) : LeadController.checkYear(year);
        return blocking.call(() -> funds.fund(district(caller, areaId), y, rowsArea(caller, areaId)));
    }

    /** Money into a year's fund: ALLOCATION (a year not yet used) or TOP_UP, in yuan, with a note. */
    public record FundMoneyIn(Integer year, String kind, BigDecimal amountYuan, String note, Long areaId) {
    }

    @PostMapping("/fund/movements")
    public Mono<RewardFunds.FundView> putIn(Caller caller, @RequestBody FundMoneyIn body) {
        FundMovementKind kind = Params.enumValue(FundMovementKind.class, "kind", body.kind());
        if (kind != FundMovementKind.ALLOCATION && kind != FundMovementKind.TOP_UP) {
            throw ApiException.badField("kind", "must be ALLOCATION or TOP_UP (payments are made by approving rewards)");
        }
        BigDecimal amount = Yuan.positive("amountYuan", body.amountYuan(), new BigDecimal("100000000"));
        int y = body.year() == null ? Funds.yearOf(clock.instant()) : LeadController.checkYear(body.year());
        return blocking.call(() -> funds.putIn(caller.user().username(), district(caller, body.areaId()), y, kind, amount, body.note(), clock.instant()));
    }

    @GetMapping("/report")
    public Mono<RewardFunds.YearReport> report(Caller caller, @RequestParam(required = false) Integer year, @RequestParam(required = false) Long areaId) {
        int y = year == null ? Funds.yearOf(clock.instant()) : LeadController.checkYear(year);
        return blocking.call(() -> funds.report(district(caller, areaId), y, rowsArea(caller, areaId)));
    }

    /** The district whose fund is meant: of {@code areaId} (inside the caller's area) or of the caller's own area. */
    private AreaRef district(Caller caller, Long areaId) {
        if (!caller.user().isAdmin() && caller.user().areaId() == null) {
            throw ApiException.notFound("the district of your area (you have none)");
        }
        if (areaId != null && !caller.user().isAdmin() && !areas.isInside(caller.user(), areaId)) {
            AreaRef d = funds.district(areaId);
            // a street's police read the fund of their own district, named by its id
            if (funds.district(caller.user().areaId()).id() != d.id()) {
                throw ApiException.notFound("area " + areaId);
            }
            return d;
        }
        return funds.district(areaId != null ? areaId : caller.user().areaId());
    }

    /**
     * Whose rewards a fund's ledger and report may name: those inside {@code areaId} when it lies in the caller's area,
     * else inside the caller's area (a street's police reading their district's fund); all for an administrator.
     */
    private Long rowsArea(Caller caller, Long areaId) {
        if (areaId != null && areas.isInside(caller.user(), areaId)) {
            return areaId;
        }
        return LeadScope.area(caller);
    }

    private RewardView visible(Caller caller, long id) {
        return rewards.find(id).filter(r -> LeadScope.reaches(caller, members, r.areaPath(), r.memberId()))
                .orElseThrow(() -> ApiException.notFound("reward " + id));
    }
}
