package org.redwhistle.api.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/**
 * One year of the official calendar, as the State Council's notice on holiday arrangements
 * (《关于YYYY年部分节假日安排的通知》) gives it: the holiday periods (days off) and the weekend days
 * that are worked instead (调休上班). There is no formula for either, so each year is data.
 */
public record OfficialCalendar(int year, String source, List<Holiday> holidays, Set<LocalDate> workdays) {

    /** A holiday period, both ends included. */
    public record Holiday(String name, LocalDate from, LocalDate to) {
    }

    public boolean isHoliday(LocalDate d) {
        return holidays.stream().anyMatch(h -> !d.isBefore(h.from()) && !d.isAfter(h.to()));
    }

    /**
     * Reads and checks a year: every date inside the year, holiday periods well-formed and not
     * overlapping, make-up working days on weekends and not inside a holiday. Throws
     * {@link IllegalArgumentException} naming the problem.
     */
    public static OfficialCalendar parse(int year, JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("body: must be an object with holidays and workdays");
        }
        if (json.has("year") && json.get("year").asInt() != year) {
            throw new IllegalArgumentException("year: the body is for " + json.get("year").asInt() + ", not " + year);
        }
        List<Holiday> holidays = new ArrayList<>();
        JsonNode hs = json.path("holidays");
        if (!hs.isArray() || hs.isEmpty()) {
            throw new IllegalArgumentException("holidays: must list the year's holiday periods");
        }
        for (int i = 0; i < hs.size(); i++) {
            JsonNode h = hs.get(i);
            String name = h.path("name").asText("");
            if (name.isBlank()) {
                throw new IllegalArgumentException("holidays[" + i + "].name: is required");
            }
            LocalDate from = date(h.path("from"), "holidays[" + i + "].from", year);
            LocalDate to = date(h.path("to"), "holidays[" + i + "].to", year);
            if (to.isBefore(from)) {
                throw new IllegalArgumentException("holidays[" + i + "].to: is before from");
            }
            for (Holiday other : holidays) {
                if (!from.isAfter(other.to()) && !to.isBefore(other.from())) {
                    throw new IllegalArgumentException("holidays[" + i + "]: overlaps " + other.name());
                }
            }
            holidays.add(new Holiday(name, from, to));
        }
        Set<LocalDate> workdays = new TreeSet<>();
        JsonNode ws = json.path("workdays");
        if (!ws.isArray()) {
            throw new IllegalArgumentException("workdays: must list the make-up working days (possibly none)");
        }
        for (int i = 0; i < ws.size(); i++) {
            LocalDate d = date(ws.get(i), "workdays[" + i + "]", year);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                throw new IllegalArgumentException("workdays[" + i + "]: " + d + " is a " + d.getDayOfWeek() + ", not a weekend day");
            }
            workdays.add(d);
        }
        OfficialCalendar c = new OfficialCalendar(year, json.path("source").asText(""), List.copyOf(holidays), Set.copyOf(workdays));
        for (LocalDate d : workdays) {
            if (c.isHoliday(d)) {
                throw new IllegalArgumentException("workdays: " + d + " lies inside a holiday");
            }
        }
        return c;
    }

    private static LocalDate date(JsonNode v, String field, int year) {
        LocalDate d;
        try {
            d = LocalDate.parse(v.asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": must be a date like " + year + "-10-01");
        }
        if (d.getYear() != year) {
            throw new IllegalArgumentException(field + ": " + d + " is not in " + year);
        }
        return d;
    }
}
