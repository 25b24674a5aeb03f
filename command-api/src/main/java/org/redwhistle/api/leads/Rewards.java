package org.redwhistle.api.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.leads.internal.FundStore;
import org.redwhistle.api.leads.internal.Funds;
import org.redwhistle.api.leads.internal.LeadAlerts;
import org.redwhistle.api.leads.internal.LeadStore;
import org.redwhistle.api.leads.internal.RewardStore;
import org.redwhistle.api.leads.internal.Yuan;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rewards for leads (线索奖励): proposed by the police for a valid lead or an arrest, approved by a police leader,
 * which pays the reward from the district's fund of the year of approval (Beijing time) in the same transaction
 * as the ledger row; refused with a note. The database refuses a payment larger than the balance
 * ({@code reward_fund_balance_non_negative}); this class only says so in words (409 with the figures).
 */
@Service
public class Rewards {

    private final RewardStore store;
    private final LeadStore leads;
    private final Funds funds;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final LeadAlerts alerts;
    private final Members members;

    public Rewards(RewardStore store, LeadStore leads, Funds funds, TransactionTemplate tx, AuditLog audit, LeadAlerts alerts, Members members) {
        this.store = store;
        this.leads = leads;
        this.funds = funds;
        this.tx = tx;
        this.audit = audit;
        this.alerts = alerts;
        this.members = members;
    }

    public Optional<RewardView> find(long id) {
        return store.find(id);
    }

    /** Which rewards: inside an area (all when null), of a member, of a lead, in a status; newest first. */
    public record Query(Long areaId, Long memberId, Long leadId, RewardStatus status, int limit) {
    }

    public List<RewardView> list(Query q) {
        return store.list(new RewardStore.Query(q.areaId(), q.memberId(), q.leadId(), q.status(), q.limit()));
    }

    /**
     * Proposes a reward (amount already checked: more than 0, in yuan) for a lead judged valid, to the member who sent
     * it or, with {@code memberId}, to another 平安联盟 (PATROL) member inside the proposer's area (one who helped with
     * the arrest); anyone else is refused (400 naming {@code memberId}). It is for an arrest when the lead's outcome has
     * suspects caught. The police leaders of the lead's area are alerted.
     */
    public RewardView propose(CurrentUser proposer, long leadId, Long memberId, BigDecimal amount, String reason, Instant now) {
        return propose(proposer.username(), leadId, memberId, path -> proposer.covers(path), amount, reason, now);
    }

    /** Proposes a reward to the lead's sender (as the demo does); {@code memberId}, when given, must be the sender. */
    public RewardView propose(String actor, long leadId, Long memberId, BigDecimal amount, String reason, Instant now) {
        return propose(actor, leadId, memberId, path -> false, amount, reason, now);
    }

    private RewardView propose(String actor, long leadId, Long memberId, Predicate<List<Long>> proposerCovers, BigDecimal amount, String reason,
            Instant now) {
        if (reason == null || reason.isBlank()) {
            throw ApiException.badField("reason", "is required: say what the reward is for");
        }
        try {
            return tx.execute(s -> {
                LeadView l = leads.lock(leadId).orElseThrow(() -> ApiException.badField("leadId", "is not a lead"));
                if (l.status() != LeadStatus.VALID) {
                    throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "只有核查为「有效」的线索可以提请奖励；该线索当前为「" + l.status().label() + "」",
                            List.of(new ApiException.FieldError("leadId", "must be a VALID lead")));
                }
                long member = memberId == null ? l.memberId() : memberId;
                if (member != l.memberId()) {
                    beneficiary(member, proposerCovers);
                }
                RewardKind kind = l.suspectsCaught() > 0 ? RewardKind.ARREST : RewardKind.VALID_LEAD;
                long id = store.insert(new RewardStore.NewReward(leadId, member, kind, amount, reason.strip(), l.areaPath(), actor, now));
                audit.record(actor, "reward.proposed", "reward", String.valueOf(id), reason.strip(),
                        Map.of("leadId", leadId, "memberId", member, "amount", amount, "kind", kind.name()));
                RewardView r = store.find(id).orElseThrow();
                alerts.toPoliceLeaders(l.areaPath(), "reward.proposed", "奖励待审批", r.member() + "：" + kind.label() + " " + Yuan.format(amount) + "（"
                        + r.reason() + "），提请人 " + actor, now, Map.of("rewardId", id, "leadId", leadId));
                return r;
            });
        } catch (DataIntegrityViolationException e) {
            if (String.valueOf(e.getMessage()).contains("reward_one_per_lead_member")) {
                throw new ApiException(HttpStatus.CONFLICT, "Already proposed", "该线索已为该队员提请过奖励（每条线索每名队员一份奖励）",
                        List.of(new ApiException.FieldError("leadId", "already has a reward for this member")));
            }
            throw e;
        }
    }

    /**
     * Approves a proposed reward and pays it from the fund of its district and of the year of {@code now}, in one
     * transaction: the decision, the ledger row (which moves the balance) and both audit records. The member is
     * alerted once it is committed. A payment the balance cannot cover is refused by the database: 409 with the figures.
     */
    public RewardView approve(String actor, long id, String note, Instant now) {
        RewardView r = store.find(id).orElseThrow(() -> ApiException.notFound("reward " + id));
        // 四眼原则: who proposed a reward, or receives it, does not approve it (who proposes and whom it pays never change)
        if (actor.equals(r.proposedBy())) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed", "四眼原则：提请人不能审批自己的提请，请由其他审批人审批",
                    List.of(new ApiException.FieldError("proposedBy", "is the approver")));
        }
        if (members.byId(r.memberId()).map(Members.MemberView::username).filter(actor::equals).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed", "四眼原则：不能审批发给本人的奖励，请由其他审批人审批",
                    List.of(new ApiException.FieldError("memberId", "is the approver's own member record")));
        }
        AreaRef district = funds.districtOf(r.areaPath()).orElseThrow(() -> ApiException.notFound("the district of reward " + id));
        int year = Funds.yearOf(now);
        // the year's fund exists (with its allocation) before the payment: a refused payment does not take the fund's creation with it
        FundStore.Fund fund = tx.execute(s -> funds.ensure(district.id(), year, null, actor, now));
        try {
            return tx.execute(s -> {
                // the lead first (as a review locks it), then the reward: a lead re-judged meanwhile is seen here
                LeadView lead = leads.lock(r.leadId()).orElseThrow();
                RewardView locked = decidable(id, RewardStatus.APPROVED);
                if (lead.status() != LeadStatus.VALID) {
                    throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "线索已被改判为无效，不能支付奖励",
                            List.of(new ApiException.FieldError("leadId", "is no longer a VALID lead")));
                }
                funds.move(fund.id(), FundMovementKind.PAYMENT, locked.amountYuan(), id, actor, now,
                        "奖励 #" + id + "：" + locked.member() + "，" + locked.kindLabel());
                store.decide(id, RewardStatus.APPROVED, actor, now, blankToNull(note), fund.id());
                audit.record(actor, "reward.approved", "reward", String.valueOf(id), note, Map.of("amount", locked.amountYuan(), "fundYear", year));
                members.byId(locked.memberId()).map(Members.MemberView::username).filter(u -> u != null).ifPresent(u -> alerts.toUser(u, "reward.paid",
                        "奖励已发放", "您的线索奖励 " + Yuan.format(locked.amountYuan()) + "（" + locked.reason() + "）已批准并支付", now,
                        Map.of("rewardId", id, "leadId", locked.leadId())));
                return store.find(id).orElseThrow();
            });
        } catch (DataIntegrityViolationException e) {
            if (!String.valueOf(e.getMessage()).contains(FundStore.NON_NEGATIVE)) {
                throw e;
            }
            BigDecimal balance = funds.find(district.id(), year).map(FundStore.Fund::balance).orElse(BigDecimal.ZERO);
            throw new ApiException(HttpStatus.CONFLICT, "Fund exhausted", "奖励基金余额不足：本年度余额 " + Yuan.format(balance) + "，本次奖励 "
                    + Yuan.format(r.amountYuan()), List.of(new ApiException.FieldError("amountYuan", "is more than the fund's balance of the year")));
        }
    }

    /** Refuses a proposed reward, saying why. */
    public RewardView refuse(String actor, long id, String note, Instant now) {
        if (note == null || note.isBlank()) {
            throw ApiException.badField("note", "is required: say why the reward is refused");
        }
        return tx.execute(s -> {
            decidable(id, RewardStatus.REFUSED);
            store.decide(id, RewardStatus.REFUSED, actor, now, note.strip(), null);
            audit.record(actor, "reward.refused", "reward", String.valueOf(id), note.strip(), Map.of());
            return store.find(id).orElseThrow();
        });
    }

    /** Rewards paid in [from, to) inside an area (all when null): how many, how much. */
    public RewardStore.PaidFigures paidFigures(Long areaId, Instant from, Instant to) {
        return store.paidFigures(areaId, from, to);
    }

    /**
     * A beneficiary other than the lead's sender: a 平安联盟 (PATROL) member inside the proposer's area, else 400
     * naming {@code memberId}.
     */
    private void beneficiary(long memberId, Predicate<List<Long>> proposerCovers) {
        Members.MemberView m = members.byId(memberId).orElseThrow(() -> new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
                "受奖人不存在：请选择线索提交人或本辖区的平安联盟队员", List.of(new ApiException.FieldError("memberId", "is not a member"))));
        if (!"PATROL".equals(m.role()) || !proposerCovers.test(members.areaPath(memberId))) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", "受奖人须为线索提交人或本辖区的平安联盟队员，「" + m.name() + "」不符合",
                    List.of(new ApiException.FieldError("memberId", "must be the lead's sender or a PATROL member inside your area")));
        }
    }

    private RewardView decidable(long id, RewardStatus to) {
        RewardView r = store.lock(id).orElseThrow(() -> ApiException.notFound("reward " + id));
        if (!r.status().canMoveTo(to)) {
            throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "该奖励已" + (r.status() == RewardStatus.APPROVED ? "批准并支付" : "未获批准")
                    + "，不能再审批", List.of());
        }
        return r;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
