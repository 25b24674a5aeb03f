package org.redwhistle.api.calendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Working days on the official Chinese calendar, in Asia/Shanghai: a holiday is off, a make-up
 * weekend day (调休) is worked, otherwise Monday to Friday. The deadline rule (DOMAIN.md): the day
 * of submission does not count; an N-working-day deadline is the end (23:59:59.999) of the Nth
 * working day after it. A year whose official notice is not loaded is counted on a provisional
 * calendar ({@link StatutoryHolidays}: the statutory days off and weekends, no make-up working days)
 * and the deadline says so ({@link Deadline#provisional()}); only a year outside
 * {@link StatutoryHolidays#FIRST_YEAR}..{@link StatutoryHolidays#LAST_YEAR} is refused.
 */
public final class WorkingCalendar {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59, 999_000_000);

    private final Map<Integer, OfficialCalendar> years;

    public WorkingCalendar(Iterable<OfficialCalendar> loaded) {
        TreeMap<Integer, OfficialCalendar> m = new TreeMap<>();
        loaded.forEach(c -> m.put(c.year(), c));
        this.years = Map.copyOf(m);
    }

    /** A deadline, the working days counted for it, and the years among them counted provisionally. */
    public record Deadline(Instant at, List<LocalDate> countedDays, List<Integer> provisionalYears) {

        /** Counted, at least in part, on a provisional year: it may move when the official year is loaded. */
        public boolean provisional() {
            return !provisionalYears.isEmpty();
        }
    }

    /** The years whose official calendar is loaded. */
    public List<Integer> years() {
        return years.keySet().stream().sorted().toList();
    }

    public boolean isOfficial(int year) {
        return years.containsKey(year);
    }

    /** The official calendar of a loaded year. */
    public OfficialCalendar year(int year) {
        OfficialCalendar c = years.get(year);
        if (c == null) {
            throw new CalendarNotLoadedException(year, years());
        }
        return c;
    }

    /** The calendar a date in {@code year} is counted on: the official one, else the provisional one. */
    public OfficialCalendar counted(int year) {
        OfficialCalendar c = years.get(year);
        if (c != null) {
            return c;
        }
        if (!StatutoryHolidays.provisioned(year)) {
            throw new CalendarNotLoadedException(year, years());
        }
        return StatutoryHolidays.provisional(year);
    }

    public boolean isWorkingDay(LocalDate d) {
        OfficialCalendar c = counted(d.getYear());
        if (c.workdays().contains(d)) {
            return true;
        }
        if (c.isHoliday(d)) {
            return false;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The working days counted for a deadline, in order; the last one is the deadline's day. */
    public List<LocalDate> workingDaysAfter(Instant submitted, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("workingDays: must be at least 1");
        }
        List<LocalDate> out = new ArrayList<>(n);
        LocalDate d = submitted.atZone(CHINA).toLocalDate();
        while (out.size() < n) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The end of the Nth working day after the day of submission, Asia/Shanghai. */
    public Instant deadline(Instant submitted, int n) {
        return due(submitted, n).at();
    }

    /** The end of the Nth working day after the day of submission, and whether it is provisional. */
    public Deadline due(Instant submitted, int n) {
        List<LocalDate> days = workingDaysAfter(submitted, n);
        LocalDate first = submitted.atZone(CHINA).toLocalDate().plusDays(1);
        LocalDate last = days.get(days.size() - 1);
        List<Integer> provisional = new ArrayList<>();
        for (int y = first.getYear(); y <= last.getYear(); y++) {
            if (!isOfficial(y)) {
                provisional.add(y);
            }
        }
        return new Deadline(last.atTime(END_OF_DAY).atZone(CHINA).toInstant(), List.copyOf(days), List.copyOf(provisional));
    }

    /**
     * A year that is neither loaded nor provisioned (outside {@link StatutoryHolidays#FIRST_YEAR} to
     * {@link StatutoryHolidays#LAST_YEAR}), or, from {@link #year(int)}, not loaded.
     */
    public static final class CalendarNotLoadedException extends RuntimeException {
        private final int year;

        CalendarNotLoadedException(int year, List<Integer> loaded) {
            super("the official calendar for " + year + " is not loaded (loaded: " + loaded + ")"
                    + (StatutoryHolidays.provisioned(year) ? "; an administrator loads it with PUT /api/v1/calendar/" + year
                            : " and provisional calendars are computed for " + StatutoryHolidays.FIRST_YEAR + " to " + StatutoryHolidays.LAST_YEAR + " only"),
                    null, false, false);
            this.year = year;
        }

        public int year() {
            return year;
        }
    }
}
