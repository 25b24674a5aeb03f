package org.redwhistle.api.stats.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The per-unit statistics of a period: every street, community and department in scope, with the
 * figures of {@link Rates} over its cases and the supervision orders it received, ranked among its own
 * kind. The counts are grouped in the database; the rates and the ranking are applied here, because
 * the ranking orders by a rate and the rates have one definition ({@link Rates}), not a second one in SQL.
 */
@Component
public class UnitStatistics {

    /**
     * Worst first: most overdue, then lowest 满意率 (a unit without evaluations after those with some),
     * then most accepted, then by name.
     */
    static final Comparator<UnitRow> RANKING = Comparator.comparingLong((UnitRow r) -> r.figures().overdue()).reversed()
            .thenComparing(r -> r.figures().satisfactionRate(), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Comparator.comparingLong((UnitRow r) -> r.figures().accepted()).reversed())
            .thenComparing(UnitRow::name);

    private final CaseStatsStore store;
    private final Rates rates;
    private final Clock clock;

    public UnitStatistics(CaseStatsStore store, Rates rates, Clock clock) {
        this.store = store;
        this.rates = rates;
        this.clock = clock;
    }

    /** One unit's row: its rank among its kind (1 = most in need of attention), names, figures and supervision orders. */
    public record UnitRow(int rank, UnitKind kind, String kindLabel, long unitId, String name, String parentName, @JsonUnwrapped Figures figures,
            long supervisionOrders) {

        UnitRow ranked(int rank) {
            return new UnitRow(rank, kind, kindLabel, unitId, name, parentName, figures, supervisionOrders);
        }
    }

    /** The rows of the units in scope of {@code area} (null: everywhere) for the cases submitted in [from, to): streets, then communities, then departments. */
    public List<UnitRow> rows(Long area, Instant from, Instant to) {
        Instant now = clock.instant();
        List<UnitRow> rows = new ArrayList<>();
        rows.addAll(ranked(UnitKind.STREET, store.areaUnits(UnitKind.STREET, area, from, to, now)));
        rows.addAll(ranked(UnitKind.COMMUNITY, store.areaUnits(UnitKind.COMMUNITY, area, from, to, now)));
        rows.addAll(ranked(UnitKind.DEPARTMENT, store.departments(area, from, to, now)));
        return rows;
    }

    private List<UnitRow> ranked(UnitKind kind, List<CaseStatsStore.UnitCounts> units) {
        List<UnitRow> rows = units.stream()
                .map(u -> new UnitRow(0, kind, kind.label(), u.unitId(), u.name(), u.parentName(), rates.figures(u.counts()), u.supervisionOrders()))
                .sorted(RANKING).toList();
        List<UnitRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(rows.get(i).ranked(i + 1));
        }
        return out;
    }
}
