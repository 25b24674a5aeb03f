package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.mqtt.MessageCallback;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;

import tools.jackson.databind.JsonNode;

/** Commands travel REST → MQTT → device → commands/ack; silent devices raise device.offline, cleared on return. */
class CommandsAndLivenessTest extends IntegrationTest {

    private JsonNode sendCommand(String deviceId, String command) {
        byte[] body = http().post().uri("/api/v1/devices/" + deviceId + "/commands").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("command", command, "args", Map.of("reason", "test")))
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private String commandStatus(String deviceId, String cmdId) {
        return getJson("/api/v1/devices/" + deviceId + "/commands", "operator").path(0).path("cmdId").asText().equals(cmdId)
                ? getJson("/api/v1/devices/" + deviceId + "/commands", "operator").path(0).path("status").asText() : "?";
    }

    @Test
    void aGateOpensOnCommandAndTheAckCompletesIt() throws Exception {
        MqttClient gate = connectDevice("gate-01");
        CompletableFuture<JsonNode> received = new CompletableFuture<>();
        gate.setCallback(new Callback(received));
        gate.subscribe("cc/v1/devices/gate-01/commands", 1);

        JsonNode sent = sendCommand("gate-01", "open_gate");
        assertThat(sent.path("status").asText()).isEqualTo("SENT");
        JsonNode cmd = received.get(10, TimeUnit.SECONDS);
        assertThat(cmd.path("command").asText()).isEqualTo("open_gate");
        assertThat(cmd.path("cmdId").asText()).isEqualTo(sent.path("cmdId").asText());
        assertThat(cmd.path("args").path("reason").asText()).isEqualTo("test");

        gate.publish("cc/v1/devices/gate-01/commands/ack", ("{\"cmdId\":\"" + sent.path("cmdId").asText()
                + "\",\"result\":\"ok\",\"detail\":\"barrier up\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> commandStatus("gate-01", sent.path("cmdId").asText()).equals("OK"));
        gate.disconnect();
        gate.close();
    }

    @Test
    void anUnansweredCommandTimesOutAndAWrongOneIsRefused() {
        JsonNode sent = sendCommand("cam-02", "capture_snapshot");
        await().atMost(Duration.ofSeconds(15)).until(() -> commandStatus("cam-02", sent.path("cmdId").asText()).equals("TIMED_OUT"));
        http().post().uri("/api/v1/devices/cam-02/commands").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("command", "open_gate")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("command");
        http().post().uri("/api/v1/devices/cam-02/commands").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("command", "self_destruct")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("command");
    }

    @Test
    void aDeviceCannotReadAnotherDevicesCommands() throws Exception {
        MqttClient gate = connectDevice("gate-02");
        int reason;
        try {
            reason = subscribeReason(gate, "cc/v1/devices/gate-01/commands");
        } finally {
            gate.disconnect();
            gate.close();
        }
        assertThat(reason).isGreaterThanOrEqualTo(0x80);
    }

    private static int subscribeReason(MqttClient c, String filter) {
        try {
            return c.subscribe(new org.eclipse.paho.mqttv5.common.MqttSubscription[] {
                new org.eclipse.paho.mqttv5.common.MqttSubscription(filter, 1)}).getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    @Test
    void aSilentDeviceRaisesDeviceOfflineWhichClearsWhenItComesBack() throws Exception {
        try (StompTestClient stomp = StompTestClient.open(port)) {
            stomp.connect(token("operator"));
            stomp.subscribe("a", "/topic/alarms");
            MqttClient terminal = connectDevice("patrol-01");
            terminal.publish("cc/v1/devices/patrol-01/events", ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now()
                    + "\",\"type\":\"device.heartbeat\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            terminal.disconnect();
            terminal.close();

            StompTestClient.Frame raised = stomp.await(f -> f.body().contains("\"device.offline\"") && f.body().contains("patrol-01")
                    && f.body().contains("\"NEW\""), Duration.ofSeconds(20));
            assertThat(raised).as("device.offline raised on STOMP").isNotNull();
            long id = JSON.readTree(raised.body()).path("id").asLong();
            assertThat(JSON.readTree(raised.body()).path("title").asText()).isEqualTo("设备离线");

            MqttClient back = connectDevice("patrol-01");
            back.publish("cc/v1/devices/patrol-01/events", ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now()
                    + "\",\"type\":\"device.heartbeat\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            StompTestClient.Frame cleared = stomp.await(f -> f.body().contains("\"id\":" + id + ",") && f.body().contains("\"RESOLVED\""),
                    Duration.ofSeconds(20));
            assertThat(cleared).as("device.offline cleared on STOMP").isNotNull();
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'alarm.cleared' and entity_id = ?")
                    .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1L);
            back.disconnect();
            back.close();
        }
    }

    private static final class Callback extends MessageCallback {
        private final CompletableFuture<JsonNode> received;

        Callback(CompletableFuture<JsonNode> received) {
            this.received = received;
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.complete(JSON.readTree(message.getPayload()));
        }
    }
}
