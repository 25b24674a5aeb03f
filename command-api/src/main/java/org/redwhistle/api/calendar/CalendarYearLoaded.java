package org.redwhistle.api.calendar;

/**
 * Published after an administrator loaded (or replaced) the official calendar of {@code year}, once
 * this instance counts on it: deadlines counted provisionally on that year are to be counted again.
 */
public record CalendarYearLoaded(int year, String actor) {
}
