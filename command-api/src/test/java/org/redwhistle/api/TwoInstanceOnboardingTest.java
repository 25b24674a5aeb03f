package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Reports;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * The outside onboarding probe of issue 23 against two instances that both receive every provisioning
 * request: each ingests under its own session name (its own lease and exclusive MQTT session), which is
 * what two instances with the defaults of before issue 23 had, and what a SHARED subscription or a
 * takeover's redelivery can still cause for one request. A device
 * connects with the provisioning account, sends its request, takes the answer, connects with the answered
 * credentials and publishes an event that is stored; once both instances have handled the request, its
 * credentials still connect. Before requests were decided once per nonce, the second instance
 * re-provisioned the device and rotated the password the first had just handed out.
 */
class TwoInstanceOnboardingTest extends IntegrationTest {

    @Autowired
    private MeterRegistry meters;

    @Test
    void aDeviceOnboardsAndStaysConnectableWhenTwoInstancesHandleItsRequest() throws Exception {
        JsonNode key = JSON.readTree(http().post().uri("/api/v1/provisioning-keys").header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("name", "two-instance probe", "kinds", List.of("camera"), "quota", 5, "validDays", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String serial = "PROBE-" + UUID.randomUUID().toString().substring(0, 8);
        ProvisioningClient.Request request = new ProvisioningClient.Request(key.path("key").asText(), key.path("secret").asText(),
                "camera", serial, "两实例接入探针", 119.1250, 36.7050, "1.0.0", null);

        // a second instance with ingestion on under its own session name: its own lease, so it is active too,
        // and its own exclusive session, so both instances receive the request
        try (ConfigurableApplicationContext b = startSecondInstance("onboarding",
                Map.of("redwhistle.mqtt.enabled", "true", "redwhistle.mqtt.session-expiry", "60s",
                        "redwhistle.mqtt.session-name", "test-" + ProcessHandle.current().pid() + "-onboarding"))) {
            MeterRegistry metersB = b.getBean(MeterRegistry.class);
            awaitReceivingRequests(meters, metersB, key);

            double aBefore = requests(meters, null);
            double bBefore = requests(metersB, null);
            double decidedBefore = requests(meters, "success") + requests(metersB, "success");
            double repeatedBefore = requests(meters, "repeated") + requests(metersB, "repeated");
            long started = System.nanoTime();
            ProvisioningClient.Response answer;
            try (ProvisioningClient device = new ProvisioningClient(SERVICES.mqttUrl(), "provision", SERVICES.provisionPassword())) {
                answer = device.provision(ProvisioningClient.newNonce(), request);
            }
            double answerMs = (System.nanoTime() - started) / 1e6;
            assertThat(answer.success()).as(answer.detail()).isTrue();
            publishAndAwaitStored(answer);
            double storedMs = (System.nanoTime() - started) / 1e6;

            // both instances have handled the request by now: one decided it, the other sent the stored answer
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> requests(meters, null) - aBefore >= 1 && requests(metersB, null) - bBefore >= 1);
            double decided = requests(meters, "success") + requests(metersB, "success") - decidedBefore;
            double repeated = requests(meters, "repeated") + requests(metersB, "repeated") - repeatedBefore;
            // a device reconnects now and then: the answered credentials still work after every instance handled the request
            publishAndAwaitStored(answer);
            double reconnectedMs = (System.nanoTime() - started) / 1e6;

            assertThat(jdbc.sql("select count(*) from device where serial = ?").param(serial).query(Long.class).single()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select count(*) from audit_log where action = 'device.provisioned' and entity_id = ?")
                    .param(answer.deviceId()).query(Long.class).single() == 1);
            Reports.append("onboarding.txt", String.format("two-instance onboarding probe (both instances receive the request): "
                    + "answer %.0f ms (provisioning connect, request, answer); first event stored %.0f ms after the request "
                    + "(connect with the answered credentials, publish, stored); reconnect after both instances handled it "
                    + "and second event stored at %.0f ms", answerMs, storedMs, reconnectedMs));
            assertThat(decided).as("one instance decided the request").isEqualTo(1);
            assertThat(repeated).as("the other instance sent the stored answer").isEqualTo(1);
        }
    }

    /**
     * Sends refused requests under fresh nonces until both instances have counted one: the second
     * instance's subscription is in place, and no warm-up request is still being handled.
     */
    private static void awaitReceivingRequests(MeterRegistry metersA, MeterRegistry metersB, JsonNode key) throws Exception {
        ProvisioningClient.Request warmUp = new ProvisioningClient.Request(key.path("key").asText(), "not-the-secret",
                "camera", "WARMUP-1", "warm-up", 119.1250, 36.7050, null, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (true) {
            double beforeA = requests(metersA, null);
            double before = requests(metersB, null);
            try (ProvisioningClient c = new ProvisioningClient(SERVICES.mqttUrl(), "provision", SERVICES.provisionPassword())) {
                c.provision(ProvisioningClient.newNonce(), warmUp);
            }
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> requests(metersB, null) > before && requests(metersA, null) > beforeA);
                return;
            } catch (ConditionTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the second instance received no provisioning request within 40 s", e);
                }
            }
        }
    }

    /** {@code rw.provisioning.requests} of one instance, of one outcome or all. */
    private static double requests(MeterRegistry registry, String outcome) {
        var search = registry.find("rw.provisioning.requests");
        if (outcome != null) {
            search = search.tag("outcome", outcome);
        }
        return search.counters().stream().mapToDouble(Counter::count).sum();
    }

    private void publishAndAwaitStored(ProvisioningClient.Response r) throws MqttException {
        MqttClient device = new MqttClient(SERVICES.mqttUrl(), r.clientId(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(r.username());
        o.setPassword(r.password().getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        device.connect(o);
        String msgId = Events.newMsgId();
        device.publish("cc/v1/devices/" + r.deviceId() + "/events",
                ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"camera.motion\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        device.disconnect();
        device.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                .params(r.deviceId(), msgId).query(Long.class).single() == 1L);
    }
}
