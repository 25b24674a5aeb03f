package org.redwhistle.ingest.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The position fast paths never disagree with the general code they stand in for. */
class FastPathsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Random random = new Random(20261127);

    @Test
    void aTimestampTheFastPathReadsIsTheOneOffsetDateTimeParseReads() {
        List<String> samples = new ArrayList<>(List.of("2026-11-27T01:10:10+08:00", "2026-11-27T01:10:10.120+08:00", "2026-11-26T14:15:03.120Z",
                "2026-11-27T01:10:10.123456789-05:30", "2026-11-27T01:10:10.1234567891Z", "2026-11-27t01:10:10Z", "2026-11-27T01:10:10z",
                "2026-11-27T01:10+08:00", "2026-11-27T01:10:10+0800", "2026-11-27T01:10:10+08:00:00", "2026-11-27T01:10:10+08",
                "2026-02-29T01:10:10Z", "2024-02-29T01:10:10Z", "2026-13-01T01:10:10Z", "2026-11-31T01:10:10Z", "2026-11-27T24:00:00Z",
                "2026-11-27T23:59:60Z", "2026-11-27T01:10:10+19:00", "2026-11-27T01:10:10-00:00", "2026-11-27T01:10:10+08:60",
                "+12026-11-27T01:10:10Z", "0000-01-01T00:00:00Z", "2026-11-27T01:10:10.Z", "2026-11-27T01:10:10 +08:00",
                "2026-11-27 01:10:10+08:00", "yesterday", "2026-11-27T01:10:1a+08:00"));
        for (int i = 0; i < 30_000; i++) {
            samples.add(randomTimestamp());
        }
        int fast = 0;
        for (String s : samples) {
            OffsetDateTime quick = FastPaths.timestamp(s);
            OffsetDateTime general;
            try {
                general = OffsetDateTime.parse(s);
            } catch (DateTimeParseException e) {
                general = null;
            }
            if (quick != null) {
                fast++;
                assertThat(quick).as(s).isEqualTo(general);
            }
        }
        assertThat(FastPaths.timestamp("2026-11-27T01:10:10.120+08:00")).isEqualTo(OffsetDateTime.parse("2026-11-27T01:10:10.120+08:00"));
        assertThat(FastPaths.timestamp("2026-11-26T14:15:03Z")).isEqualTo(OffsetDateTime.parse("2026-11-26T14:15:03Z"));
        assertThat(fast).as("generated timestamps on the fast path").isGreaterThan(1_000);
    }

    private String randomTimestamp() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%04d-%02d-%02d", 1990 + random.nextInt(60), random.nextInt(14), random.nextInt(33)));
        b.append(random.nextInt(20) == 0 ? 't' : 'T');
        b.append(String.format("%02d:%02d:%02d", random.nextInt(26), random.nextInt(62), random.nextInt(62)));
        if (random.nextBoolean()) {
            int digits = random.nextInt(11);
            b.append('.');
            for (int k = 0; k < digits; k++) {
                b.append(random.nextInt(10));
            }
        }
        switch (random.nextInt(6)) {
            case 0 -> b.append('Z');
            case 1 -> b.append(String.format("%s%02d%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(61)));
            case 2 -> b.append("z");
            default -> b.append(String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-", random.nextInt(20), random.nextInt(61)));
        }
        String s = b.toString();
        if (random.nextInt(10) == 0) { // a random character replaced
            int at = random.nextInt(s.length());
            s = s.substring(0, at) + "0a:-.+ Z".charAt(random.nextInt(8)) + s.substring(at + 1);
        }
        return s;
    }

    @Test
    void aFixTheFastPathPassesConformsToThePositionSchema() {
        ContractValidator schema = new ContractValidator();
        JsonNode typical = JSON.readTree("""
                {"ts":"2026-11-27T01:10:10+08:00","type":"position","lon":119.1232,"lat":36.7068,"accuracyM":4.5,"speedMps":1.3,"headingDeg":270,"battery":76}""");
        assertThat(FastPaths.certainlyValidPosition(typical)).isTrue();
        assertThat(schema.violation("telemetry.position", typical)).isEmpty();
        int passed = 0;
        int rejectedBySchema = 0;
        for (int i = 0; i < 20_000; i++) {
            ObjectNode body = randomFix();
            boolean fast = FastPaths.certainlyValidPosition(body);
            boolean conforms = schema.violation("telemetry.position", body).isEmpty();
            if (fast) {
                passed++;
                assertThat(conforms).as(body.toString()).isTrue();
            } else if (!conforms) {
                rejectedBySchema++;
            }
        }
        assertThat(passed).as("generated fixes on the fast path").isGreaterThan(2_000);
        assertThat(rejectedBySchema).as("generated fixes the schema refuses (and the fast path left to it)").isGreaterThan(2_000);
    }

    /** Mostly valid fixes, each field now and then missing, null, of another type, out of range; sometimes an extra field. */
    private ObjectNode randomFix() {
        ObjectNode o = JSON.createObjectNode();
        maybe(o, "ts", () -> random.nextInt(8) == 0 ? JSON.getNodeFactory().numberNode(5) : JSON.getNodeFactory().stringNode(
                random.nextInt(3) == 0 ? randomTimestamp() : OffsetDateTime.parse("2026-11-27T01:10:10.120+08:00").plusSeconds(random.nextInt(100_000)).toString()));
        maybe(o, "type", () -> JSON.getNodeFactory().stringNode(random.nextInt(6) == 0 ? "heartbeat" : "position"));
        maybe(o, "lon", () -> number(-180, 180));
        maybe(o, "lat", () -> number(-90, 90));
        maybe(o, "crs", () -> JSON.getNodeFactory().stringNode(List.of("wgs84", "gcj02", "bd09", "utm", "WGS84").get(random.nextInt(5))));
        maybe(o, "accuracyM", () -> number(0, 100_000));
        maybe(o, "speedMps", () -> number(0, 500));
        maybe(o, "headingDeg", () -> number(0, 360));
        maybe(o, "battery", () -> number(0, 100));
        if (random.nextInt(10) == 0) {
            o.put("note", "额外字段");
        }
        return o;
    }

    private void maybe(ObjectNode o, String field, java.util.function.Supplier<JsonNode> value) {
        int roll = random.nextInt(120);
        if (roll == 0) {
            return; // missing
        }
        if (roll == 1) {
            o.putNull(field);
        } else if (roll == 2) {
            o.put(field, "12");
        } else if (roll == 3) {
            o.put(field, true);
        } else {
            o.set(field, value.get());
        }
    }

    /** In [lo, hi] (its ends included) most of the time, else just outside it, or huge. */
    private JsonNode number(double lo, double hi) {
        double range = hi - lo;
        return switch (random.nextInt(24)) {
            case 0 -> JSON.getNodeFactory().numberNode((int) Math.round(lo + random.nextDouble() * range));
            case 1 -> JSON.getNodeFactory().numberNode(new java.math.BigDecimal("1e400"));
            case 2 -> JSON.getNodeFactory().numberNode(lo - 1e-9 - random.nextDouble());
            case 3 -> JSON.getNodeFactory().numberNode(hi + 1e-9 + random.nextDouble());
            case 4 -> JSON.getNodeFactory().numberNode(random.nextBoolean() ? lo : hi);
            default -> JSON.getNodeFactory().numberNode(lo + random.nextDouble() * range);
        };
    }
}
