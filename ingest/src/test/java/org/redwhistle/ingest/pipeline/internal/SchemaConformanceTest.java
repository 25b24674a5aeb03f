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
    private final MessageDecoder decoder = new MessageDecoder(JSON, 65536, Duration.ofMinutes(5));

    private Decoded decode(EventType type, ObjectNode payload) {
        DeviceKind kind = java.util.Arrays.stream(DeviceKind.values()).filter(type::allowedFor).findFirst().orElseThrow();
        return decoder.decode(new Topics.DeviceTopic("dev-1", Topics.Channel.EVENTS),
                Optional.of(new RegisteredDevice("dev-1", kind, 1, 119.12, 36.70, DeviceState.ACTIVE)),
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
}
