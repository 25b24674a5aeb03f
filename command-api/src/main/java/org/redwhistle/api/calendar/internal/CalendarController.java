package org.redwhistle.api.calendar.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.calendar.CalendarOverview;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.calendar.OfficialCalendar;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The working calendar: the years known (loaded and provisional), the deadline under the working-day
 * rule, a year, and loading a year (ADMIN). A deadline that reaches a year without its official
 * notice is counted on the provisional year and says {@code provisional: true}; only a year outside
 * the provisioned range is refused (422).
 */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

    static final String RULE = "the day of submission does not count; the deadline is the end of the Nth working day after it (Asia/Shanghai)";

    private final Calendars calendars;
    private final Blocking blocking;
    private final Clock clock;

    public CalendarController(Calendars calendars, Blocking blocking, Clock clock) {
        this.calendars = calendars;
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * A deadline and the working days counted for it; {@code provisional} when some of them lie in
     * {@code provisionalYears}, years whose official notice is not loaded (counted on the statutory
     * holidays and weekends, without make-up working days: it may move when the year is loaded).
     */
    public record Deadline(OffsetDateTime from, int workingDays, OffsetDateTime deadline, List<LocalDate> countedDays, boolean provisional,
            List<Integer> provisionalYears, String rule) {
    }

    /**
     * A year: its holiday periods and make-up working days, from the official notice, or computed
     * ({@code provisional}: statutory days off only, no make-up working days).
     */
    public record Year(int year, boolean provisional, String source, List<OfficialCalendar.Holiday> holidays, List<LocalDate> workdays) {
    }

    /** What loading a year stored. */
    public record Loaded(int year, int holidays, int workdays) {
    }

    /** The loaded years and the provisional ones in use, with the warning administrators are shown. */
    @GetMapping
    public Mono<CalendarOverview> overview() {
        return blocking.call(() -> calendars.overview(clock.instant()));
    }

    @Refuses(status = 422, when = "the deadline needs a year outside the years a calendar is loaded or computed for")
    @GetMapping("/deadline")
    public Deadline deadline(@RequestParam(required = false) String from, @RequestParam(required = false) Integer workingDays) {
        if (from == null) {
            throw ApiException.badField("from", "is required: ISO-8601 with an offset, e.g. 2026-09-30T10:00:00+08:00");
        }
        Instant start = Params.instant("from", from);
        if (workingDays == null || workingDays < 1 || workingDays > 60) {
            throw ApiException.badField("workingDays", "must be from 1 to 60");
        }
        WorkingCalendar cal = calendars.calendar();
        try {
            WorkingCalendar.Deadline due = cal.due(start, workingDays);
            return new Deadline(OffsetDateTime.ofInstant(start, WorkingCalendar.CHINA), workingDays,
                    OffsetDateTime.ofInstant(due.at(), WorkingCalendar.CHINA), due.countedDays(), due.provisional(), due.provisionalYears(), RULE);
        } catch (WorkingCalendar.CalendarNotLoadedException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Calendar not loaded", e.getMessage(),
                    List.of(new ApiException.FieldError("from", e.getMessage())));
        }
    }

    @GetMapping("/{year}")
    public Year year(@PathVariable int year) {
        try {
            WorkingCalendar cal = calendars.calendar();
            OfficialCalendar c = cal.counted(year);
            return new Year(year, !cal.isOfficial(year), c.source(), c.holidays(), c.workdays().stream().sorted().toList());
        } catch (WorkingCalendar.CalendarNotLoadedException e) {
            throw ApiException.notFound("the calendar for " + year);
        }
    }

    @PutMapping("/{year}")
    public Mono<Loaded> load(Caller caller, @PathVariable int year, @RequestBody JsonNode body) {
        CurrentUser user = caller.user();
        if (year < 2000 || year > 2100) {
            throw ApiException.badField("year", "must be from 2000 to 2100");
        }
        return blocking.call(() -> {
            try {
                OfficialCalendar c = calendars.load(year, body, user.username());
                return new Loaded(year, c.holidays().size(), c.workdays().size());
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                int colon = msg.indexOf(':');
                String field = colon > 0 ? msg.substring(0, colon) : "body";
                throw ApiException.badField(field, colon > 0 ? msg.substring(colon + 1).trim() : msg);
            }
        });
    }
}
