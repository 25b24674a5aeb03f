package org.redwhistle.api.mediation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.mediation.DisputeCategory;
import org.redwhistle.api.mediation.DisputeStatus;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.internal.MediationStore.Row;

/**
 * The mediation statistics of a set of villages over a period, counted over the disputes that ENDED in
 * the period ({@code closedAt} in [from, to)): by category and outcome, the level the settled ones were
 * settled at, and the 小事不出村 rate = settled by agreement inside the village (at any of its three levels)
 * / all ended (settled + referred out + withdrawn), null when none ended. Days to settle run from opening
 * to sign-off, in calendar days. {@code openNow} and {@code overdueNow} are today's open disputes of
 * those villages, whatever the period.
 */
public record MediationStats(Instant from, Instant to, Figures total, List<Village> villages) {

    public record Village(long areaId, String name, Figures figures) {
    }

    public record Figures(int ended, int settled, int referred, int withdrawn, Double keptInVillageRate, List<CategoryCount> byCategory,
            List<LevelCount> settledByLevel, Double averageDaysToSettle, Double medianDaysToSettle, int openNow, int overdueNow) {
    }

    public record CategoryCount(String category, String label, int ended, int settled, int referred, int withdrawn) {
    }

    public record LevelCount(String level, String label, int settled) {
    }

    static MediationStats of(Instant from, Instant to, List<Row> rows, Map<Long, String> villages, Instant now) {
        List<Village> per = new ArrayList<>();
        villages.forEach((id, name) -> per.add(new Village(id, name, figures(from, to, rows.stream().filter(r -> r.areaId() == id).toList(), now))));
        return new MediationStats(from, to, figures(from, to, rows, now), per);
    }

    static Figures figures(Instant from, Instant to, List<Row> all, Instant now) {
        List<Row> ended = all.stream().filter(r -> r.closedAt() != null && !r.closedAt().isBefore(from) && r.closedAt().isBefore(to)).toList();
        int settled = count(ended, DisputeStatus.SETTLED);
        List<CategoryCount> cats = new ArrayList<>();
        for (DisputeCategory c : DisputeCategory.values()) {
            List<Row> in = ended.stream().filter(r -> r.category() == c).toList();
            if (!in.isEmpty()) {
                cats.add(new CategoryCount(c.name(), c.label(), in.size(), count(in, DisputeStatus.SETTLED), count(in, DisputeStatus.REFERRED),
                        count(in, DisputeStatus.WITHDRAWN)));
            }
        }
        List<LevelCount> levels = Arrays.stream(MediationLevel.values()).map(l -> new LevelCount(l.name(), l.label(),
                (int) ended.stream().filter(r -> r.status() == DisputeStatus.SETTLED && r.level() == l).count())).toList();
        double[] days = ended.stream().filter(r -> r.status() == DisputeStatus.SETTLED)
                .mapToDouble(r -> Duration.between(r.openedAt(), r.closedAt()).toMinutes() / 1440.0).sorted().toArray();
        Double avg = days.length == 0 ? null : round(Arrays.stream(days).average().orElse(0));
        Double median = days.length == 0 ? null : round(days.length % 2 == 1 ? days[days.length / 2] : (days[days.length / 2 - 1] + days[days.length / 2]) / 2);
        int open = (int) all.stream().filter(r -> r.status() == DisputeStatus.OPEN).count();
        int overdue = (int) all.stream().filter(r -> r.status() == DisputeStatus.OPEN && r.levelDue().isBefore(now)).count();
        return new Figures(ended.size(), settled, count(ended, DisputeStatus.REFERRED), count(ended, DisputeStatus.WITHDRAWN),
                ended.isEmpty() ? null : round4((double) settled / ended.size()), cats, levels, avg, median, open, overdue);
    }

    private static int count(List<Row> rows, DisputeStatus s) {
        return (int) rows.stream().filter(r -> r.status() == s).count();
    }

    private static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

    private static double round4(double d) {
        return Math.round(d * 10000) / 10000.0;
    }
}
