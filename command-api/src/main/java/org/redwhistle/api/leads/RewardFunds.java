package org.redwhistle.api.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.leads.internal.FundStore;
import org.redwhistle.api.leads.internal.Funds;
import org.redwhistle.api.leads.internal.RewardStore;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The districts' yearly reward funds as people read and keep them: the ledger with its balance, an
 * administrator's allocation of a year not yet used and top-ups, and the year's report of paid rewards.
 */
@Service
public class RewardFunds {

    private final Funds funds;
    private final RewardStore rewards;
    private final TransactionTemplate tx;

    public RewardFunds(Funds funds, RewardStore rewards, TransactionTemplate tx) {
        this.funds = funds;
        this.rewards = rewards;
        this.tx = tx;
    }

    /** One row of the ledger; {@code signedYuan} is negative for money out. */
    public record MovementView(long id, FundMovementKind kind, String kindLabel, BigDecimal amountYuan, BigDecimal signedYuan,
            BigDecimal balanceAfterYuan, Long rewardId, String actor, Instant at, String note) {
    }

    /**
     * A district's fund of a year: {@code exists} false (and the figures those of the allocation it will get) before
     * its first use; {@code budgetYuan} the allocation and top-ups, {@code paidYuan} the rewards paid net of reversals.
     */
    public record FundView(long areaId, String areaName, int year, boolean exists, BigDecimal budgetYuan, BigDecimal balanceYuan,
            BigDecimal paidYuan, List<MovementView> movements) {
    }

    /** The district of an area (or the first district for none, an administrator's). */
    public AreaRef district(Long areaId) {
        return funds.district(areaId);
    }

    public FundView fund(AreaRef district, int year) {
        return fund(district, year, null);
    }

    /**
     * The fund as a reader inside {@code rowsArea} (everything when null) sees it: the district's figures and every
     * ledger row, but the note (naming the member) of a reward outside the area replaced by 「非本辖区奖励」.
     */
    public FundView fund(AreaRef district, int year, Long rowsArea) {
        return funds.find(district.id(), year).map(f -> view(district, f, rowsArea))
                .orElseGet(() -> new FundView(district.id(), district.name(), year, false, funds.yearlyFund(), funds.yearlyFund(), BigDecimal.ZERO.setScale(2),
                        List.of()));
    }

    /**
     * Money into a fund: the ALLOCATION of a year not yet used (the fund is created with it instead of the
     * configured yearly fund) or a TOP_UP (the year's fund created first if need be). Audited.
     */
    public FundView putIn(String actor, AreaRef district, int year, FundMovementKind kind, BigDecimal amount, String note, Instant now) {
        FundStore.Fund f = tx.execute(s -> {
            switch (kind) {
                case ALLOCATION -> {
                    // the fund may be created meanwhile (the year's first approval or top-up): then this allocation is refused, not lost
                    return funds.create(district.id(), year, amount, actor, now).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
                            "Already allocated", year + " 年度奖励基金已拨付；如需增加请使用「追加」",
                            List.of(new ApiException.FieldError("kind", "ALLOCATION only for a year whose fund does not exist yet; use TOP_UP"))));
                }
                case TOP_UP -> {
                    FundStore.Fund fund = funds.ensure(district.id(), year, null, actor, now);
                    funds.move(fund.id(), FundMovementKind.TOP_UP, amount, null, actor, now, note == null || note.isBlank() ? "追加奖励基金" : note.strip());
                    return fund;
                }
                default -> throw ApiException.badField("kind", "must be ALLOCATION or TOP_UP (payments are made by approving rewards)");
            }
        });
        return view(district, funds.find(district.id(), f.year()).orElseThrow(), null);
    }

    /** One paid reward in the year's report. */
    public record PaidReward(long rewardId, long leadId, String member, String affiliation, String kindLabel, BigDecimal amountYuan, String reason,
            Instant paidAt, String approvedBy) {
    }

    /** A group of paid rewards (a member, a trade, a kind): how many and how much. */
    public record ReportGroup(String name, String detail, int count, BigDecimal amountYuan) {
    }

    /**
     * The year's report of the rewards paid from a district's fund: the fund's figures and its totals ({@code paidCount},
     * {@code paidYuan}) are the district's; the groups and the rewards those inside the reader's area.
     */
    public record YearReport(long areaId, String areaName, int year, int paidCount, BigDecimal paidYuan, BigDecimal budgetYuan,
            BigDecimal balanceYuan, List<ReportGroup> byMember, List<ReportGroup> byTrade, List<ReportGroup> byKind, List<PaidReward> rewards) {
    }

    public YearReport report(AreaRef district, int year) {
        return report(district, year, null);
    }

    /** The report as a reader inside {@code rowsArea} (everything when null) sees it: the rows naming members only of that area. */
    public YearReport report(AreaRef district, int year, Long rowsArea) {
        FundView fund = fund(district, year);
        List<RewardStore.Paid> all = funds.find(district.id(), year).map(f -> rewards.paid(f.id())).orElse(List.of());
        BigDecimal total = all.stream().map(RewardStore.Paid::amount).reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2);
        List<RewardStore.Paid> paid = rowsArea == null ? all : all.stream().filter(p -> p.areaPath().contains(rowsArea)).toList();
        List<PaidReward> lines = paid.stream().map(p -> new PaidReward(p.rewardId(), p.leadId(), p.member(), p.affiliation(), p.kind().label(),
                p.amount(), p.reason(), p.paidAt(), p.approvedBy())).toList();
        return new YearReport(district.id(), district.name(), year, all.size(), total, fund.budgetYuan(), fund.balanceYuan(),
                group(paid, p -> p.member() + "\u0000" + (p.affiliation() == null ? "" : p.affiliation())),
                group(paid, p -> (p.affiliation() == null || p.affiliation().isBlank() ? "未登记" : p.affiliation()) + "\u0000"),
                group(paid, p -> p.kind().label() + "\u0000"), lines);
    }

    private static List<ReportGroup> group(List<RewardStore.Paid> paid, Function<RewardStore.Paid, String> key) {
        Map<String, List<RewardStore.Paid>> by = new LinkedHashMap<>();
        paid.forEach(p -> by.computeIfAbsent(key.apply(p), k -> new ArrayList<>()).add(p));
        return by.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("\u0000", -1);
            return new ReportGroup(parts[0], parts[1].isEmpty() ? null : parts[1], e.getValue().size(),
                    e.getValue().stream().map(RewardStore.Paid::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        }).sorted(Comparator.comparing(ReportGroup::amountYuan).reversed()).toList();
    }

    /** A reward's ledger row outside the reader's area: the figures stay (the balance adds up), the member's name does not. */
    static final String OUTSIDE_NOTE = "非本辖区奖励";

    private FundView view(AreaRef district, FundStore.Fund f, Long rowsArea) {
        Set<Long> hidden = rowsArea == null ? Set.of() : rewards.paidOutside(f.id(), rowsArea);
        List<MovementView> rows = funds.movements(f.id()).stream().map(m -> new MovementView(m.id(), m.kind(), m.kind().label(), m.amount(),
                m.kind().sign() < 0 ? m.amount().negate() : m.amount(), m.balanceAfter(), m.rewardId(), m.actor(), m.at(),
                m.rewardId() != null && hidden.contains(m.rewardId()) ? OUTSIDE_NOTE : m.note())).toList();
        BigDecimal paid = rows.stream().filter(m -> m.kind() == FundMovementKind.PAYMENT || m.kind() == FundMovementKind.REVERSAL)
                .map(MovementView::signedYuan).reduce(BigDecimal.ZERO, BigDecimal::add).negate().setScale(2);
        return new FundView(district.id(), district.name(), f.year(), true, f.budget(), f.balance(), paid, rows);
    }
}
