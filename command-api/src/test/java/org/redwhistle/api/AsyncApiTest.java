package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.ContractSchemas;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The served AsyncAPI document is the contract the decoders enforce: same schemas, same topics. */
class AsyncApiTest extends IntegrationTest {

    @Test
    void asyncApiDocumentCarriesTheDecodersSchemasAndTopics() {
        byte[] body = http().get().uri("/asyncapi.json").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode doc = JSON.readTree(body);
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        JsonNode schemas = doc.path("components").path("schemas");
        ContractSchemas.all().forEach((name, schema) -> assertThat(schemas.path(name)).as("schema " + name).isEqualTo(schema));
        assertThat(schemas.size()).isEqualTo(ContractSchemas.all().size());

        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).contains("cc/v1/devices/{deviceId}/events", "cc/v1/devices/{deviceId}/telemetry",
                "cc/v1/devices/{deviceId}/status", "cc/v1/devices/{deviceId}/commands", "cc/v1/devices/{deviceId}/commands/ack",
                "cc/v1/devices/{deviceId}/snapshots", "cc/v1/provision/{nonce}/request", "cc/v1/provision/{nonce}/response");
        JsonNode snapshot = doc.path("components").path("messages").path("snapshot");
        assertThat(snapshot.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(snapshot.path("headers").path("properties").propertyNames()).contains("capturedAt", "eventMsgId", "cmdId");
        JsonNode events = doc.path("channels").path("deviceEvents").path("messages");
        for (EventType t : EventType.values()) {
            assertThat(events.has("event." + t.wire())).as("event type " + t.wire() + " on the events channel").isTrue();
            assertThat(doc.path("components").path("messages").path("event." + t.wire()).path("payload").path("$ref").asText())
                    .isEqualTo("#/components/schemas/event." + t.wire());
        }
        doc.path("operations").forEach(op -> assertThat(doc.path("channels")
                .has(op.path("channel").path("$ref").asText().replace("#/channels/", ""))).isTrue());
    }

    @Test
    void theKindsAddedAsFilesAreInTheDocument() {
        JsonNode doc = JSON.readTree(http().get().uri("/asyncapi.json").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        JsonNode events = doc.path("channels").path("deviceEvents").path("messages");
        assertThat(events.propertyNames()).contains("event.intercom.call", "event.intercom.door_opened", "event.intercom.door_held",
                "event.intercom.forced", "event.intercom.tailgating", "event.face.passage");
        JsonNode schemas = doc.path("components").path("schemas");
        assertThat(schemas.path("command").path("properties").path("command").path("enum").valueStream().map(JsonNode::asText))
                .containsExactlyInAnyOrder("open_gate", "siren_on", "siren_off", "capture_snapshot", "open_door");
        assertThat(schemas.path("command.open_door").path("properties").propertyNames()).containsExactlyInAnyOrder("room", "reason");
        JsonNode face = schemas.path("event.face.passage");
        assertThat(face.path("additionalProperties").asBoolean(true)).as("no face templates").isFalse();
        assertThat(face.path("then").path("required").get(0).asText()).isEqualTo("personId");
        assertThat(doc.path("channels").path("deviceSnapshots").path("description").asText()).contains("camera", "face_gate");
    }
}
