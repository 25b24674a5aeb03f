package org.redwhistle.api.contract.internal;

import org.redwhistle.devices.contract.ContractSchemas;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.provisioning.ProvisioningProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AsyncAPI 3 document of the MQTT contract at {@code /asyncapi.json}, built from the same JSON
 * Schemas the decoders enforce ({@link ContractSchemas}) and the topic names of {@link Topics}.
 * Operations are from the platform's side: it receives what devices send and sends commands and
 * provisioning answers.
 */
@RestController
public class AsyncApiController {

    private final String document;

    public AsyncApiController(JsonMapper json, MqttProperties mqtt, ProvisioningProperties provisioning) {
        this.document = json.writeValueAsString(build(json, provisioning.publicBrokerUrl() == null
                || provisioning.publicBrokerUrl().isBlank() ? mqtt.url() : provisioning.publicBrokerUrl()));
    }

    @GetMapping(value = "/asyncapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public String asyncApi() {
        return document;
    }

    static ObjectNode build(JsonMapper json, String brokerUrl) {
        ObjectNode doc = json.createObjectNode().put("asyncapi", "3.0.0");
        doc.putObject("info").put("title", "Red Whistle device contract (MQTT)").put("version", "1.0.0")
                .put("description", "Topics under " + Topics.ROOT + ". A device publishes only under its own cc/v1/devices/{deviceId}/ "
                        + "and subscribes only to its own commands; anonymous connections are refused. Events are QoS 1; the "
                        + "platform is idempotent on (deviceId, msgId, ts).");
        String hostPort = brokerUrl.replaceFirst("^[a-z]+://", "");
        doc.putObject("servers").putObject("broker").put("host", hostPort).put("protocol", "mqtt").put("protocolVersion", "5")
                .put("description", "Mosquitto 2 with dynamic security: per-device credentials, explicit per-device ACLs");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode messages = components.putObject("messages");
        ContractSchemas.all().forEach((name, schema) -> {
            schemas.set(name, schema);
            messages.putObject(name).put("name", name).put("contentType", "application/json")
                    .put("summary", schema.path("description").asText(name))
                    .putObject("payload").put("$ref", "#/components/schemas/" + name);
        });

        ObjectNode events = channel(channels, "deviceEvents", Topics.DEVICES + "{deviceId}/events", "One event per message, QoS 1");
        for (EventType t : EventType.values()) {
            ((ObjectNode) events.get("messages")).putObject("event." + t.wire()).put("$ref", "#/components/messages/event." + t.wire());
        }
        message(channel(channels, "deviceTelemetry", Topics.DEVICES + "{deviceId}/telemetry", "Readings; patrol terminals send positions"), "telemetry.position");
        message(channel(channels, "deviceStatus", Topics.DEVICES + "{deviceId}/status", "Retained, QoS 1; also the Last Will"), "status");
        message(channel(channels, "deviceCommands", Topics.DEVICES + "{deviceId}/commands", "Platform → device, QoS 1"), "command");
        message(channel(channels, "deviceCommandAcks", Topics.DEVICES + "{deviceId}/commands/ack", "Device → platform, QoS 1"), "command-ack");
        // camera snapshots: JPEG bytes, their metadata in MQTT 5 user properties
        ObjectNode snapshot = messages.putObject("snapshot").put("name", "snapshot").put("contentType", "image/jpeg")
                .put("summary", "A JPEG snapshot (at most 2 MiB and 16 Mpx): a camera's on its own motion or person detection or answering"
                        + " capture_snapshot, analysed by the platform (people, motion); a face gate's of a passage. Linked to its event's"
                        + " or command's alarm");
        snapshot.putObject("payload").put("type", "string").put("format", "binary");
        ObjectNode headers = snapshot.putObject("headers").put("type", "object")
                .put("description", "MQTT 5 user properties").putObject("properties");
        headers.putObject("capturedAt").put("type", "string").put("format", "date-time").put("description", "when it was taken (ISO-8601 with offset)");
        headers.putObject("eventMsgId").put("type", "string").put("maxLength", 64).put("description", "the msgId of the event it was taken for");
        headers.putObject("cmdId").put("type", "string").put("maxLength", 64).put("description", "the capture_snapshot command it answers");
        message(channel(channels, "deviceSnapshots", Topics.DEVICES + "{deviceId}/snapshots", "Kinds that send snapshots only ("
                + String.join(", ", DeviceKind.values().stream().filter(DeviceKind::sendsSnapshots).map(DeviceKind::wire).toList()) + "), QoS 1"), "snapshot");
        message(channel(channels, "provisionRequest", Topics.PROVISION + "{nonce}/request",
                "A new device, connected with the provisioning account, publishes its request; {nonce} is random, 128 bits"), "provision-request");
        message(channel(channels, "provisionResponse", Topics.PROVISION + "{nonce}/response",
                "Subscribe to this literal topic before publishing the request; wildcard subscriptions are refused"), "provision-response");

        operation(operations, "receiveDeviceEvents", "receive", "deviceEvents");
        operation(operations, "receiveTelemetry", "receive", "deviceTelemetry");
        operation(operations, "receiveStatus", "receive", "deviceStatus");
        operation(operations, "receiveSnapshots", "receive", "deviceSnapshots");
        operation(operations, "sendCommand", "send", "deviceCommands");
        operation(operations, "receiveCommandAck", "receive", "deviceCommandAcks");
        operation(operations, "receiveProvisionRequest", "receive", "provisionRequest");
        operation(operations, "sendProvisionResponse", "send", "provisionResponse");
        return doc;
    }

    private static ObjectNode channel(ObjectNode channels, String id, String address, String description) {
        ObjectNode c = channels.putObject(id).put("address", address).put("description", description);
        ObjectNode params = c.putObject("parameters");
        if (address.contains("{deviceId}")) {
            params.putObject("deviceId").put("description", "the device's id, as issued at provisioning");
        }
        if (address.contains("{nonce}")) {
            params.putObject("nonce").put("description", "16 to 64 characters of A-Z a-z 0-9 _ -");
        }
        c.putObject("messages");
        return c;
    }

    private static void message(ObjectNode channel, String name) {
        ((ObjectNode) channel.get("messages")).putObject(name).put("$ref", "#/components/messages/" + name);
    }

    private static void operation(ObjectNode operations, String id, String action, String channel) {
        operations.putObject(id).put("action", action).putObject("channel").put("$ref", "#/channels/" + channel);
    }
}
