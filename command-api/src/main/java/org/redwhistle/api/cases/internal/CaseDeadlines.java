package org.redwhistle.api.cases.internal;

import java.time.Instant;
import java.util.List;

import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A case's time limits in working days on the official calendar (DOMAIN.md): take within 1,
 * resolve within 3, or 5 when complex. A limit reaching a year whose official notice is not loaded
 * is counted on the provisional year and marked provisional (counted again when the year is loaded,
 * {@link ProvisionalDeadlines}); only a year outside the provisioned range is a 422.
 */
@Component
public class CaseDeadlines {

    static final int ACCEPT_DAYS = 1;
    static final int RESOLVE_DAYS = 3;
    static final int COMPLEX_DAYS = 5;

    private final Calendars calendars;

    public CaseDeadlines(Calendars calendars) {
        this.calendars = calendars;
    }

    public WorkingCalendar.Deadline accept(Instant from) {
        return deadline(from, ACCEPT_DAYS);
    }

    public WorkingCalendar.Deadline resolve(Instant from, boolean complex) {
        return deadline(from, complex ? COMPLEX_DAYS : RESOLVE_DAYS);
    }

    /** A department's own limit in a joint case: the end of the {@code days}-th working day after {@code from}. */
    public WorkingCalendar.Deadline workingDays(Instant from, int days) {
        return deadline(from, days);
    }

    /** The end of the {@code days}-th working day after {@code from} (the evaluation window of a handled case). */
    public Instant afterWorkingDays(Instant from, int days) {
        return deadline(from, days).at();
    }

    private WorkingCalendar.Deadline deadline(Instant from, int days) {
        try {
            return calendars.calendar().due(from, days);
        } catch (WorkingCalendar.CalendarNotLoadedException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Calendar not loaded", e.getMessage(), List.of());
        }
    }
}
