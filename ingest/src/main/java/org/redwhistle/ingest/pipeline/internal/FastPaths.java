package org.redwhistle.ingest.pipeline.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Shortcuts for the commonest message, a patrol terminal's position fix (10,000 a second in the
 * live-push benchmark), where the general code was most of the ingest thread's time. Each answers
 * only for the plain form and otherwise says "don't know", so the general code still decides every
 * other case, with the same outcome and the same reason as before:
 * <ul>
 * <li>{@link #timestamp}: {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, exactly as
 * {@link OffsetDateTime#parse} reads it, without a formatter's parse context per call;</li>
 * <li>{@link #certainlyValidPosition}: the fields of {@code telemetry.position.json} and nothing
 * else, each of its type and in its range; such a fix conforms to the schema, so the full JSON
 * Schema validation (which turns every number into a BigDecimal through its text) is not needed.
 * FastPathsTest checks both against the general code on generated payloads.</li>
 * </ul>
 */
final class FastPaths {

    /** The position schema's numbers and their ranges. */
    private static final Map<String, double[]> POSITION_NUMBERS = Map.of(
            "lon", new double[] {-180, 180}, "lat", new double[] {-90, 90}, "accuracyM", new double[] {0, 100_000},
            "speedMps", new double[] {0, 500}, "headingDeg", new double[] {0, 360}, "battery", new double[] {0, 100});
    private static final Set<String> CRS = Set.of("wgs84", "gcj02", "bd09");

    private FastPaths() {
    }

    /** The time of a plain RFC 3339 timestamp; null for anything else (the caller parses it the general way). */
    static OffsetDateTime timestamp(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int len = i - start;
            if (len < 1 || len > 9) {
                return null;
            }
            nano = digits(s, start, len);
            for (int k = len; k < 9; k++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, 2);
            int om = digits(s, i + 4, 2);
            if (oh < 0 || om < 0) {
                return null;
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * oh, sign * om);
            } catch (java.time.DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * True only for a fix the position schema certainly accepts: an object of the schema's fields
     * alone, ts a plain RFC 3339 string, type (if any) "position", crs (if any) one of its three
     * names, every number a finite number within its range, lon and lat present. False means "ask
     * the schema", not "invalid".
     */
    static boolean certainlyValidPosition(JsonNode body) {
        if (!body.isObject() || !body.has("lon") || !body.has("lat")) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            JsonNode v = field.getValue();
            double[] range = POSITION_NUMBERS.get(name);
            boolean ok;
            if (range != null) {
                // big decimals and integers are left to the schema (asDouble() refuses those beyond a double)
                ok = v.isNumber() && !v.isBigDecimal() && !v.isBigInteger() && Double.isFinite(v.asDouble())
                        && v.asDouble() >= range[0] && v.asDouble() <= range[1];
            } else {
                ok = switch (name) {
                    case "ts" -> v.isString() && timestamp(v.asString()) != null;
                    case "type" -> v.isString() && "position".equals(v.asString());
                    case "crs" -> v.isString() && CRS.contains(v.asString());
                    default -> false;
                };
            }
            if (!ok) {
                return false;
            }
        }
        return body.has("ts");
    }
}
