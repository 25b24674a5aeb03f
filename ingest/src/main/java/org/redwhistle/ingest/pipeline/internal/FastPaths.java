package org.redwhistle.ingest.pipeline.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.devices.contract.ContractSchemas;

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
 * else, each of its type and in its range as the schema states them; such a fix conforms to the
 * schema, so the full JSON Schema validation (which turns every number into a BigDecimal through
 * its text) is not needed.
 * FastPathsTest checks both against the general code on generated payloads.</li>
 * </ul>
 */
final class FastPaths {

    /**
     * What {@code telemetry.position.json} says of each field, read from the schema itself so that
     * the two cannot drift apart. A field whose schema uses a keyword not understood here has no
     * rule, and a fix carrying it is left to the schema.
     */
    private record FieldRule(String type, double min, double max, Set<String> values, boolean dateTime) {
    }

    private static final Set<String> UNDERSTOOD = Set.of("type", "format", "const", "enum", "minimum", "maximum", "description", "default");
    private static final Map<String, FieldRule> POSITION = rules(ContractSchemas.all().get("telemetry.position"));
    private static final List<String> POSITION_REQUIRED = ContractSchemas.all().get("telemetry.position").path("required").valueStream()
            .map(JsonNode::asString).toList();

    private static Map<String, FieldRule> rules(JsonNode schema) {
        Map<String, FieldRule> rules = new HashMap<>();
        for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
            JsonNode spec = p.getValue();
            boolean understood = spec.propertyNames().stream().allMatch(UNDERSTOOD::contains);
            String format = spec.path("format").asString("");
            if (!understood || !(format.isEmpty() || format.equals("date-time"))) {
                continue;
            }
            Set<String> values = spec.has("const") ? Set.of(spec.get("const").asString())
                    : spec.has("enum") ? spec.get("enum").valueStream().map(JsonNode::asString).collect(java.util.stream.Collectors.toSet())
                    : null;
            String type = spec.path("type").asString(values != null ? "string" : "");
            if (type.equals("number") || type.equals("string")) {
                rules.put(p.getKey(), new FieldRule(type, spec.path("minimum").asDouble(Double.NEGATIVE_INFINITY),
                        spec.path("maximum").asDouble(Double.POSITIVE_INFINITY), values, format.equals("date-time")));
            }
        }
        return rules;
    }

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
        if (!body.isObject() || !POSITION_REQUIRED.stream().allMatch(body::has)) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            FieldRule rule = POSITION.get(field.getKey());
            JsonNode v = field.getValue();
            if (rule == null || !(rule.type().equals("number") ? number(v, rule) : string(v, rule))) {
                return false;
            }
        }
        return true;
    }

    /** Big decimals and integers are left to the schema: asDouble() refuses those beyond a double. */
    private static boolean number(JsonNode v, FieldRule rule) {
        return v.isNumber() && !v.isBigDecimal() && !v.isBigInteger() && Double.isFinite(v.asDouble())
                && v.asDouble() >= rule.min() && v.asDouble() <= rule.max();
    }

    private static boolean string(JsonNode v, FieldRule rule) {
        return v.isString() && (rule.values() == null || rule.values().contains(v.asString()))
                && (!rule.dateTime() || timestamp(v.asString()) != null);
    }
}
