package org.redwhistle.api.calendar;

import java.time.Instant;
import java.util.List;

/**
 * The years the working calendar knows: those loaded from an official notice, and those counted
 * provisionally now (by open deadlines, or within the next {@code lookAheadDays} days), each with
 * the warning administrators are shown.
 */
public record CalendarOverview(List<LoadedYear> official, List<ProvisionalYear> provisional, int lookAheadDays, String provisionalRule) {

    /** A year loaded from the State Council's notice. */
    public record LoadedYear(int year, String source, String loadedBy, Instant loadedAt) {
    }

    /**
     * A year with no official calendar that something counts on: {@code openDeadlines} open deadlines,
     * and whether it begins within the look-ahead days.
     */
    public record ProvisionalYear(int year, long openDeadlines, boolean withinLookAhead, String warning) {
    }
}
