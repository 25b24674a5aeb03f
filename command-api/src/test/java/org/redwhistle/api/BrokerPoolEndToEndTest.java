package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.devices.mqtt.MessageCallback;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.ingest.commands.CommandView;
import org.redwhistle.ingest.commands.DeviceCommands;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.TestServices;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * A device onboards on the pool's second broker and lives there (issue 23): it asks for provisioning on
 * broker b2 and is answered there, is assigned b2 (fewer devices), publishes on b2 and its event is
 * stored, and a command sent through the platform reaches it on b2 and its ack completes it. The instance
 * under test ingests under a session name of its own, so it is active beside the shared test instance.
 */
class BrokerPoolEndToEndTest extends IntegrationTest {

    @Test
    void aDeviceOnTheSecondBrokerIsProvisionedIngestedAndCommandedThere() throws Exception {
        String second = TestServices.secondBrokerUrl();
        JsonNode key = JSON.readTree(http().post().uri("/api/v1/provisioning-keys").header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("name", "pool e2e", "kinds", List.of("camera"), "quota", 5, "validDays", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        try (ConfigurableApplicationContext pool = startSecondInstance("pool-e2e", Map.of(
                "redwhistle.mqtt.enabled", "true",
                "redwhistle.mqtt.session-name", "test-" + ProcessHandle.current().pid() + "-pool",
                "redwhistle.mqtt.session-expiry", "60s",
                "redwhistle.brokers.more", "b2=" + second))) {
            // provisioning on b2: the pool instance made the provisioning account there and answers on b2
            String serial = "POOL-E2E-" + UUID.randomUUID().toString().substring(0, 8);
            ProvisioningClient.Request request = new ProvisioningClient.Request(key.path("key").asText(), key.path("secret").asText(),
                    "camera", serial, "二号代理摄像机", 119.1250, 36.7050, "1.0.0", null);
            // the provisioning account appears on b2 once the pool instance is ready: until then the connect is refused
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                try (ProvisioningClient c = new ProvisioningClient(second, "provision", SERVICES.provisionPassword())) {
                    // answered (refused: wrong secret) once the platform listens on b2
                    return c.provision(ProvisioningClient.newNonce(), new ProvisioningClient.Request(key.path("key").asText(), "not-the-secret",
                            "camera", "WARMUP-POOL", "warm-up", 119.1250, 36.7050, null, null)).detail().contains("wrong secret");
                }
            });
            long t0 = System.nanoTime();
            ProvisioningClient.Response r;
            try (ProvisioningClient c = new ProvisioningClient(second, "provision", SERVICES.provisionPassword())) {
                r = c.provision(request);
            }
            assertThat(r.success()).as(r.detail()).isTrue();
            long answeredMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.brokerUrl()).as("assigned the broker with fewer devices").isEqualTo(second);

            MqttClient cam = new MqttClient(r.brokerUrl(), r.clientId(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setUserName(r.username());
            o.setPassword(r.password().getBytes(StandardCharsets.UTF_8));
            cam.connect(o);
            CompletableFuture<JsonNode> command = new CompletableFuture<>();
            // the client callback: Paho 1.2.5's subscribe with a listener recurses until the stack overflows
            cam.setCallback(new MessageCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    command.complete(JSON.readTree(message.getPayload()));
                }
            });
            cam.subscribe("cc/v1/devices/" + r.deviceId() + "/commands", 1);

            String msgId = Events.newMsgId();
            cam.publish("cc/v1/devices/" + r.deviceId() + "/events",
                    ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"camera.motion\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                    .params(r.deviceId(), msgId).query(Long.class).single() == 1L);

            CommandView sent = pool.getBean(DeviceCommands.class).send(r.deviceId(), CommandType.CAPTURE_SNAPSHOT,
                    null, "pool-test");
            JsonNode got = command.get(15, TimeUnit.SECONDS);
            assertThat(got.path("cmdId").asText()).isEqualTo(sent.cmdId());
            cam.publish("cc/v1/devices/" + r.deviceId() + "/commands/ack", ("{\"cmdId\":\"" + sent.cmdId()
                    + "\",\"result\":\"ok\",\"detail\":\"on b2\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            await().atMost(Duration.ofSeconds(15)).until(() -> "OK".equals(jdbc.sql("select status from device_command where id = ?")
                    .param(sent.cmdId()).query(String.class).single()));
            cam.disconnect();
            cam.close();
            System.out.printf("broker pool: provisioned on b2 in %d ms; event stored and command acknowledged through b2%n", answeredMs);
        }
    }
}
