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
 * working day after it. A date in a year whose calendar is not loaded is refused, never guessed.
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

    public List<Integer> years() {
        return years.keySet().stream().sorted().toList();
    }

    public OfficialCalendar year(int year) {
        OfficialCalendar c = years.get(year);
        if (c == null) {
            throw new CalendarNotLoadedException(year, years());
        }
        return c;
    }

    public boolean isWorkingDay(LocalDate d) {
        OfficialCalendar c = year(d.getYear());
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
        List<LocalDate> days = workingDaysAfter(submitted, n);
        return days.get(days.size() - 1).atTime(END_OF_DAY).atZone(CHINA).toInstant();
    }

    /** A date outside the loaded calendars. */
    public static final class CalendarNotLoadedException extends RuntimeException {
        private final int year;

        CalendarNotLoadedException(int year, List<Integer> loaded) {
            super("the official calendar for " + year + " is not loaded (loaded: " + loaded + "); an administrator loads it with PUT /api/v1/calendar/"
                    + year, null, false, false);
            this.year = year;
        }

        public int year() {
            return year;
        }
    }
}
