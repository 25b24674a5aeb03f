package org.redwhistle.api.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.errors.ApiException;
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
 * The working calendar: the deadline under the working-day rule, a loaded year, and loading a
 * year (ADMIN). A deadline that would need an unloaded year is refused (422), never guessed.
 */
@RestController
@RequestMapping("/api/v1/calendar")
public class CalendarController {

    private final Calendars calendars;
    private final Blocking blocking;

    public CalendarController(Calendars calendars, Blocking blocking) {
        this.calendars = calendars;
        this.blocking = blocking;
    }

    @Refuses(status = 422, when = "the deadline needs a year whose working calendar is not loaded")
    @GetMapping("/deadline")
    public Map<String, Object> deadline(@RequestParam(required = false) String from, @RequestParam(required = false) Integer workingDays) {
        if (from == null) {
            throw ApiException.badField("from", "is required: ISO-8601 with an offset, e.g. 2026-09-30T10:00:00+08:00");
        }
        Instant start = org.redwhistle.api.errors.Params.instant("from", from);
        if (workingDays == null || workingDays < 1 || workingDays > 60) {
            throw ApiException.badField("workingDays", "must be from 1 to 60");
        }
        WorkingCalendar cal = calendars.calendar();
        try {
            List<LocalDate> days = cal.workingDaysAfter(start, workingDays);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", OffsetDateTime.ofInstant(start, WorkingCalendar.CHINA));
            out.put("workingDays", workingDays);
            out.put("deadline", OffsetDateTime.ofInstant(cal.deadline(start, workingDays), WorkingCalendar.CHINA));
            out.put("countedDays", days);
            out.put("rule", "the day of submission does not count; the deadline is the end of the Nth working day after it (Asia/Shanghai)");
            return out;
        } catch (WorkingCalendar.CalendarNotLoadedException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Calendar not loaded", e.getMessage(),
                    List.of(new ApiException.FieldError("from", e.getMessage())));
        }
    }

    @GetMapping("/{year}")
    public Map<String, Object> year(@PathVariable int year) {
        try {
            OfficialCalendar c = calendars.calendar().year(year);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("year", year);
            out.put("source", c.source());
            out.put("holidays", c.holidays());
            out.put("workdays", c.workdays().stream().sorted().toList());
            return out;
        } catch (WorkingCalendar.CalendarNotLoadedException e) {
            throw ApiException.notFound("the calendar for " + year);
        }
    }

    @PutMapping("/{year}")
    public Mono<Map<String, Object>> load(Caller caller, @PathVariable int year, @RequestBody JsonNode body) {
        CurrentUser user = caller.user();
        if (year < 2000 || year > 2100) {
            throw ApiException.badField("year", "must be from 2000 to 2100");
        }
        return blocking.call(() -> {
            try {
                OfficialCalendar c = calendars.load(year, body, user.username());
                return Map.<String, Object>of("year", year, "holidays", c.holidays().size(), "workdays", c.workdays().size());
            } catch (IllegalArgumentException e) {
                String msg = e.getMessage();
                int colon = msg.indexOf(':');
                String field = colon > 0 ? msg.substring(0, colon) : "body";
                throw ApiException.badField(field, colon > 0 ? msg.substring(colon + 1).trim() : msg);
            }
        });
    }
}
