package org.redwhistle.api.errors;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;

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
