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

    /** ISO-8601 with an offset. */
    public static Instant instant(String field, String raw) {
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.badField(field, "must be ISO-8601 with an offset, e.g. 2026-11-26T22:15:03+08:00");
        }
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
