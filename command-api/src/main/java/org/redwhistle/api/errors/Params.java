package org.redwhistle.api.errors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Request values every controller reads the same way, refused with the field named. */
public final class Params {

    private Params() {
    }

    /** The earliest and latest times the API takes: what PostgreSQL stores and a person could mean. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /** ISO-8601 with an offset, between 1900 and 9999. */
    public static Instant instant(String field, String raw) {
        Instant t;
        try {
            t = OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.badField(field, "must be ISO-8601 with an offset, e.g. 2026-11-26T22:15:03+08:00");
        }
        if (!isSane(t)) {
            throw ApiException.badField(field, "must be a time between the years 1900 and 9999");
        }
        return t;
    }

    /** ISO-8601 with an offset, or {@code fallback} when absent. */
    public static Instant instant(String field, String raw, Instant fallback) {
        return raw == null || raw.isBlank() ? fallback : instant(field, raw);
    }

    /** Between {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean isSane(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    /**
     * ISO-8601 with an offset, or an ISO date ({@code 2026-11-01}) meaning the midnight that starts it
     * in {@code zone}.
     */
    public static Instant instantOrDate(String field, String raw, ZoneId zone) {
        Instant t;
        try {
            t = LocalDate.parse(raw.strip()).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return instant(field, raw.strip());
            } catch (ApiException notAnInstant) {
                throw ApiException.badField(field, "must be an ISO date (2026-11-01, midnight in " + zone + ") or ISO-8601 with an offset, "
                        + "e.g. 2026-11-26T22:15:03+08:00");
            }
        }
        if (!isSane(t)) {
            throw ApiException.badField(field, "must be a time between the years 1900 and 9999");
        }
        return t;
    }

    /** {@code true} or {@code false}. */
    public static boolean bool(String field, String raw) {
        return switch (raw.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badField(field, "must be true or false");
        };
    }

    /** A positive id. */
    public static long id(String field, String raw) {
        try {
            long id = Long.parseLong(raw.strip());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badField(field, "must be an id (a positive whole number)");
    }

    /** One or more enum constants, comma-separated, case-insensitive; empty when absent. */
    public static <E extends Enum<E>> Set<E> enumValues(Class<E> type, String field, String raw) {
        Set<E> out = EnumSet.noneOf(type);
        if (raw == null || raw.isBlank()) {
            return out;
        }
        for (String v : raw.split(",")) {
            try {
                out.add(Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField(field, "'" + v.strip() + "' is not one of " + EnumSet.allOf(type).toString().replaceAll("[\\[\\]]", "")
                        + " (one or more, comma-separated)");
            }
        }
        return out;
    }

    /** An enum constant, case-insensitive. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, "is required");
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badField(field, "must be one of " + EnumSet.allOf(type).toString().toLowerCase(Locale.ROOT).replaceAll("[\\[\\]]", ""));
        }
    }
}
