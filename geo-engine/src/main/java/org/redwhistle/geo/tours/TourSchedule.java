package org.redwhistle.geo.tours;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When guard-tour rounds run, in Asia/Shanghai local time: from {@code windowFrom} to
 * {@code windowTo} (past midnight when the end is not after the start, e.g. 22:00–06:00), a round
 * starts every {@code interval} and must be walked within {@code roundLength}. {@code days} name the
 * day a window starts (empty: every day).
 */
public record TourSchedule(LocalTime windowFrom, LocalTime windowTo, Duration interval, Duration roundLength, Set<DayOfWeek> days) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public TourSchedule {
        if (interval.isZero() || interval.isNegative() || roundLength.isZero() || roundLength.isNegative()) {
            throw new IllegalArgumentException("interval and round length must be positive");
        }
        if (roundLength.compareTo(interval) > 0) {
            throw new IllegalArgumentException("a round (" + roundLength.toMinutes() + " min) cannot be longer than the interval between rounds ("
                    + interval.toMinutes() + " min)");
        }
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** One round: when it starts, when it is due, and when the next one starts (after which a scan is too late for it). */
    public record Round(Instant start, Instant due, Instant next) {

        public boolean onTime(Instant t) {
            return !t.isBefore(start) && !t.isAfter(due);
        }

        public boolean late(Instant t) {
            return t.isAfter(due) && t.isBefore(next);
        }
    }

    /** Rounds starting in [from, to], in order. */
    public List<Round> roundsStartingBetween(Instant from, Instant to) {
        List<Round> out = new ArrayList<>();
        LocalDate first = from.atZone(CHINA).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(CHINA).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!days.contains(d.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime windowStart = d.atTime(windowFrom).atZone(CHINA);
            ZonedDateTime windowEnd = windowFrom.isBefore(windowTo) ? d.atTime(windowTo).atZone(CHINA)
                    : d.plusDays(1).atTime(windowTo).atZone(CHINA);
            Instant end = windowEnd.toInstant();
            for (Instant s = windowStart.toInstant(); s.isBefore(end); s = s.plus(interval)) {
                if (!s.isBefore(from) && !s.isAfter(to)) {
                    out.add(new Round(s, s.plus(roundLength), s.plus(interval)));
                }
            }
        }
        return out;
    }

    /** The round a moment belongs to: on time inside it, or late after it and before the next one. */
    public Optional<Round> roundFor(Instant t) {
        List<Round> candidates = roundsStartingBetween(t.minus(interval), t);
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(candidates.size() - 1)).filter(r -> r.onTime(t) || r.late(t));
    }
}
