package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.leads.FundMovementKind;
import org.redwhistle.api.leads.internal.FundStore.Fund;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.stereotype.Component;

/**
 * The districts' yearly reward funds: which district a place or a user belongs to, the fund of a year
 * (created with its allocation, {@code redwhistle.rewards.yearly-fund}, on first use), and ledger movements,
 * each audited in the caller's transaction.
 */
@Component
public class Funds {

    /** Years are Beijing time years: a reward approved at 00:30 on 1 January Beijing time is paid from the new year's fund. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final FundStore store;
    private final GridLocator grids;
    private final AreaDirectory directory;
    private final AuditLog audit;
    private final RewardProperties props;

    Funds(FundStore store, GridLocator grids, AreaDirectory directory, AuditLog audit, RewardProperties props) {
        this.store = store;
        this.grids = grids;
        this.directory = directory;
        this.audit = audit;
        this.props = props;
    }

    public static int yearOf(Instant t) {
        return t.atZone(CHINA).getYear();
    }

    /** [1 January, next 1 January) of a year, Beijing time. */
    public static Instant[] year(int year) {
        return new Instant[] {java.time.LocalDate.of(year, 1, 1).atStartOfDay(CHINA).toInstant(),
            java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay(CHINA).toInstant()};
    }

    /** The district of an area path (any order); empty when none of it is known. */
    public Optional<AreaRef> districtOf(List<Long> path) {
        for (Long id : path) {
            Optional<AreaRef> d = grids.chainOf(id).stream().filter(a -> a.level() == AreaLevel.DISTRICT).findFirst();
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** The district of an area, or for no area (an administrator) the first district there is. */
    public AreaRef district(Long areaId) {
        if (areaId != null) {
            return districtOf(List.of(areaId)).orElseThrow(() -> ApiException.badField("areaId", "lies in no district"));
        }
        return directory.all().values().stream().filter(a -> a.level() == AreaLevel.DISTRICT).min((a, b) -> Long.compare(a.id(), b.id()))
                .orElseThrow(() -> ApiException.notFound("a district"));
    }

    public Optional<Fund> find(long districtId, int year) {
        return store.find(districtId, year);
    }

    /**
     * The district's fund of the year, created now with {@code allocation} (the configured yearly fund when null)
     * as its first movement if it does not exist yet.
     */
    public Fund ensure(long districtId, int year, BigDecimal allocation, String actor, Instant now) {
        create(districtId, year, allocation, actor, now);
        return store.find(districtId, year).orElseThrow();
    }

    /**
     * Creates the district's fund of the year with {@code allocation} (the configured yearly fund when null) as its
     * first movement; empty when it exists already (created meanwhile by someone else: their allocation stands).
     */
    public Optional<Fund> create(long districtId, int year, BigDecimal allocation, String actor, Instant now) {
        // the configured allocation is the system's; one set by an administrator is theirs
        Optional<Long> created = store.create(districtId, year, now);
        created.ifPresent(id -> move(id, FundMovementKind.ALLOCATION, allocation == null ? props.yearlyFund() : allocation,
                null, allocation == null ? AuditLog.SYSTEM : actor, now, year + " 年度奖励基金拨付"));
        return created.flatMap(id -> store.find(districtId, year));
    }

    /** A ledger row, audited; the database moves the balance (and refuses one below zero). Returns the balance after it. */
    public BigDecimal move(long fundId, FundMovementKind kind, BigDecimal amount, Long rewardId, String actor, Instant now, String note) {
        BigDecimal after = store.move(fundId, kind, amount, rewardId, actor, now, note);
        audit.record(actor, "fund." + kind.name().toLowerCase(java.util.Locale.ROOT), "reward_fund", String.valueOf(fundId), note,
                rewardId == null ? Map.of("amount", amount, "balanceAfter", after) : Map.of("amount", amount, "balanceAfter", after, "rewardId", rewardId));
        return after;
    }

    public List<FundStore.Movement> movements(long fundId) {
        return store.movements(fundId);
    }

    public BigDecimal yearlyFund() {
        return props.yearlyFund();
    }
}
