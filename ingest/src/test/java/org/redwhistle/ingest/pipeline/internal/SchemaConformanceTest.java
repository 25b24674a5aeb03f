package org.redwhistle.ingest.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.ContractSchemas;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The decoder enforces exactly what each event type's JSON Schema says: its example passes, each violation is named. */
class SchemaConformanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-11-26T14:30:00Z");
    private final MessageDecoder decoder = new MessageDecoder(JSON, 65536, Duration.ofMinutes(5), Duration.ofDays(7));

    private Decoded decode(EventType type, ObjectNode payload) {
        DeviceKind kind = DeviceKind.values().stream().filter(type::allowedFor).findFirst().orElseThrow();
        return decoder.decode(new Topics.DeviceTopic("dev-1", Topics.Channel.EVENTS),
                Optional.of(new RegisteredDevice("dev-1", kind, 1, 119.12, 36.70, DeviceState.ACTIVE, 3)),
                JSON.writeValueAsString(payload).getBytes(StandardCharsets.UTF_8), NOW);
    }

    private static ObjectNode example(EventType type) {
        return (ObjectNode) ContractSchemas.event(type).path("examples").get(0).deepCopy();
    }

    @Test
    void everyEventTypeHasASchemaWhoseExampleTheDecoderAccepts() {
        for (EventType type : EventType.values()) {
            assertThat(ContractSchemas.event(type).path("properties").path("type").path("const").asText()).isEqualTo(type.wire());
            assertThat(decode(type, example(type))).as(type.wire()).isInstanceOf(Decoded.Event.class);
        }
    }

    @Test
    void eachRequiredFieldOfTheSchemaIsEnforced() {
        for (EventType type : EventType.values()) {
            for (String field : ContractSchemas.requiredFields(type)) {
                ObjectNode p = example(type);
                p.remove(field);
                assertThat(decode(type, p)).as(type.wire() + " without " + field)
                        .isEqualTo(new Decoded.Rejected("dev-1", field + " is required"));
            }
        }
        assertThat(ContractSchemas.requiredFields(EventType.PERIMETER_INTRUSION)).containsExactly("zoneId");
    }

    @Test
    void eachEnumeratedFieldOfTheSchemaIsEnforced() {
        for (EventType type : EventType.values()) {
            for (String field : ContractSchemas.enumeratedFields(type)) {
                ObjectNode p = example(type);
                p.put(field, "bogus");
                Decoded d = decode(type, p);
                assertThat(d).as(type.wire() + " with " + field + "=bogus").isInstanceOf(Decoded.Rejected.class);
                assertThat(((Decoded.Rejected) d).reason()).startsWith(field + " must be one of");
            }
        }
        assertThat(ContractSchemas.enumeratedFields(EventType.GATE_PASSAGE)).contains("direction", "result");
    }

    /**
     * Every length and range limit any event schema states, on required and optional fields alike,
     * is enforced: one past the limit is rejected with the field named, the limit itself passes.
     */
    @Test
    void everyLengthAndRangeLimitOfEverySchemaIsEnforced() {
        int checked = 0;
        for (EventType type : EventType.values()) {
            var props = ContractSchemas.event(type).path("properties");
            for (var prop : props.properties()) {
                String field = prop.getKey();
                var rule = prop.getValue();
                if (field.equals("msgId") || field.equals("lon") || field.equals("lat")) {
                    continue; // the decoder's own checks name these (covered in MessageDecoderTest)
                }
                if (rule.has("maxLength")) {
                    int max = rule.get("maxLength").asInt();
                    ObjectNode ok = example(type);
                    ok.put(field, "x".repeat(max));
                    assertThat(decode(type, ok)).as(type.wire() + "." + field + " at maxLength").isInstanceOf(Decoded.Event.class);
                    ObjectNode tooLong = example(type);
                    tooLong.put(field, "x".repeat(max + 1));
                    assertRejectedNaming(decode(type, tooLong), type, field);
                    checked++;
                }
                if (rule.has("maximum")) {
                    ObjectNode tooBig = example(type);
                    tooBig.put(field, rule.get("maximum").asDouble() + 1);
                    assertRejectedNaming(decode(type, tooBig), type, field);
                    ObjectNode tooSmall = example(type);
                    tooSmall.put(field, rule.get("minimum").asDouble() - 1);
                    assertRejectedNaming(decode(type, tooSmall), type, field);
                    checked++;
                }
                if ("number".equals(rule.path("type").asText()) || "integer".equals(rule.path("type").asText())) {
                    ObjectNode wrongType = example(type);
                    wrongType.put(field, "12");
                    assertRejectedNaming(decode(type, wrongType), type, field);
                    checked++;
                }
            }
        }
        assertThat(checked).as("limits checked across the event schemas").isGreaterThanOrEqualTo(10);
    }

    @Test
    void optionalFieldsOfTheWrongTypeAreRejected() {
        ObjectNode p = example(EventType.PERIMETER_INTRUSION);
        p.put("sensor", 42);
        Decoded d = decode(EventType.PERIMETER_INTRUSION, p);
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected) d).reason()).isEqualTo("violates the event.perimeter.intrusion schema at /sensor: integer found, string expected");
    }

    @Test
    void statusAndCommandAckAreCheckedAgainstTheirSchemasToo() {
        Decoded ack = decoder.decode(new Topics.DeviceTopic("dev-1", Topics.Channel.COMMAND_ACKS),
                Optional.of(new RegisteredDevice("dev-1", DeviceKind.ACCESS_GATE, 1, 119.12, 36.70, DeviceState.ACTIVE, 3)),
                ("{\"cmdId\":\"c1\",\"result\":\"ok\",\"detail\":" + "\"" + "d".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(ContractSchemas.all().get("command-ack").path("properties").path("detail").has("maxLength")).isTrue();
        assertThat(ack).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected) ack).reason()).isEqualTo("violates the command-ack schema at /detail: must be at most 500 characters long");
    }

    private static void assertRejectedNaming(Decoded d, EventType type, String field) {
        assertThat(d).as(type.wire() + "." + field).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected) d).reason()).as(type.wire() + "." + field).contains(field);
    }
}
