package org.redwhistle.api.stats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The order of the per-unit tables: most overdue first, then lowest 满意率 (none last), then most accepted, then name. */
class UnitRankingTest {

    private static UnitStatistics.UnitRow row(String name, long accepted, long overdue, Double satisfaction) {
        Figures f = new Figures(accepted, 0, 0, overdue, 0, 0, null, null, satisfaction, null, 0, 0, 0, 0);
        return new UnitStatistics.UnitRow(0, UnitKind.COMMUNITY, "社区", 0, name, "广文街道", f, 0);
    }

    @Test
    void ranksTheMostOverdueFirstThenTheLeastSatisfied() {
        List<String> order = Stream.of(row("甲", 9, 0, 0.5), row("乙", 1, 3, 0.99), row("丙", 5, 1, null), row("丁", 5, 1, 0.9), row("戊", 5, 1, 0.7),
                row("己", 8, 1, null), row("庚", 0, 0, null), row("辛", 3, 0, 0.5))
                .sorted(UnitStatistics.RANKING).map(UnitStatistics.UnitRow::name).toList();
        assertThat(order).containsExactly("乙", "戊", "丁", "己", "丙", "甲", "辛", "庚");
    }
}
