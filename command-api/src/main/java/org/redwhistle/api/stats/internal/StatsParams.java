package org.redwhistle.api.stats.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.stereotype.Component;

/** How the statistics endpoints read their period and area, each refused with the field named. */
@Component
public class StatsParams {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);

    private final AreaScope scope;
    private final Clock clock;

    public StatsParams(AreaScope scope, Clock clock) {
        this.scope = scope;
        this.clock = clock;
    }

    /** A period [from, to); {@code month} is set when it was asked for as a calendar month (Asia/Shanghai). */
    public record Period(Instant from, Instant to, YearMonth month) {
    }

    /** ISO-8601 times with an offset; {@code to} defaults to now and {@code from} to a year before {@code to}. */
    public Period period(String from, String to) {
        Instant end = to == null ? clock.instant() : Params.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(365)) : Params.instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badField("from", "must be before to");
        }
        return new Period(start, end, null);
    }

    /**
     * A calendar month in Asia/Shanghai ({@code 2026-11}), or else the times {@code from} and {@code to};
     * neither: the current month.
     */
    public Period monthOr(String month, String from, String to) {
        if (month != null && (from != null || to != null)) {
            throw ApiException.badField("month", "give either month or from and to, not both");
        }
        if (month == null && (from != null || to != null)) {
            return period(from, to);
        }
        YearMonth m;
        if (month == null) {
            m = YearMonth.now(clock.withZone(WorkingCalendar.CHINA));
        } else {
            try {
                m = YearMonth.parse(month.trim(), MONTH);
            } catch (DateTimeParseException e) {
                throw ApiException.badField("month", "must be a month as YYYY-MM, e.g. 2026-11");
            }
        }
        Instant start = m.atDay(1).atStartOfDay(WorkingCalendar.CHINA).toInstant();
        Instant end = m.plusMonths(1).atDay(1).atStartOfDay(WorkingCalendar.CHINA).toInstant();
        if (!Params.isSane(start) || !Params.isSane(end)) {
            throw ApiException.badField("month", "must be a month between the years 1900 and 9999");
        }
        return new Period(start, end, m);
    }

    /** The area asked for, which must lie inside the caller's; else the caller's own (null for an administrator: everywhere). */
    public Long area(CurrentUser user, Long areaId) {
        if (areaId != null && !scope.isInside(user, areaId)) {
            throw ApiException.badField("areaId", "is not an area inside yours");
        }
        return areaId != null ? areaId : user.areaId();
    }
}
