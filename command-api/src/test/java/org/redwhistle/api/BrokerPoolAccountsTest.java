package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.provisioning.DeviceProvisioner;
import org.redwhistle.testing.BrokerSessions;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.TestServices;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * A pool of two brokers (issue 23): a provisioned device is assigned the broker with fewer devices, its
 * account is made on both brokers with the same password (so it can be moved), and revoking or restoring
 * it acts on both.
 */
class BrokerPoolAccountsTest extends IntegrationTest {

    private JsonNode newKey() {
        byte[] body = http().post().uri("/api/v1/provisioning-keys").header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("name", "pool key", "kinds", List.of("camera"), "quota", 5, "validDays", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static boolean connects(String url, JsonNode answer) throws MqttException {
        return BrokerSessions.connects(url, answer.path("clientId").asText(), answer.path("username").asText(), answer.path("password").asText(), 5);
    }

    @Test
    void aDeviceGoesToTheLessLoadedBrokerAndItsAccountIsKeptInStepOnBoth() throws Exception {
        String first = SERVICES.mqttUrl();
        String second = TestServices.secondBrokerUrl();
        try (ConfigurableApplicationContext pool = startSecondInstance("pool", Map.of("redwhistle.brokers.more", "b2=" + second))) {
            long onFirst = jdbc.sql("select count(*) from device where coalesce(broker_id, 'b1') = 'b1'").query(Long.class).single();
            long onSecond = jdbc.sql("select count(*) from device where broker_id = 'b2'").query(Long.class).single();
            assertThat(onSecond).as("the demo's devices are all on the first broker").isLessThan(onFirst);

            JsonNode key = newKey();
            String serial = "POOL-" + UUID.randomUUID().toString().substring(0, 8);
            byte[] request = JSON.writeValueAsBytes(Map.of("provisionKey", key.path("key").asText(), "provisionSecret", key.path("secret").asText(),
                    "kind", "camera", "serial", serial, "name", "池测试摄像机", "lon", 119.1250, "lat", 36.7050));
            DeviceProvisioner provisioner = pool.getBean(DeviceProvisioner.class);
            JsonNode o = JSON.readTree(provisioner.provision(ProvisioningClient.newNonce(), request).json());
            assertThat(o.path("status").asText()).as(o.path("detail").asText()).isEqualTo("SUCCESS");
            assertThat(o.path("broker").asText()).isEqualTo("b2");
            assertThat(o.path("brokerUrl").asText()).isEqualTo(second);
            String deviceId = o.path("deviceId").asText();
            assertThat(jdbc.sql("select broker_id from device where id = ?").param(deviceId).query(String.class).single()).isEqualTo("b2");

            assertThat(connects(second, o)).as("on its own broker").isTrue();
            assertThat(connects(first, o)).as("on the other broker of the pool, same password").isTrue();

            BrokerAccess access = pool.getBean(BrokerAccess.class);
            access.revoke(deviceId);
            assertThat(connects(second, o)).as("revoked: own broker").isFalse();
            assertThat(connects(first, o)).as("revoked: other broker").isFalse();
            access.restore(deviceId);
            assertThat(connects(second, o)).as("restored: own broker").isTrue();
            assertThat(connects(first, o)).as("restored: other broker").isTrue();

            // provisioned again (a new request), it keeps its broker and gets one new password on both
            JsonNode again = JSON.readTree(provisioner.provision(ProvisioningClient.newNonce(), request).json());
            assertThat(again.path("detail").asText()).isEqualTo("re-provisioned");
            assertThat(again.path("broker").asText()).isEqualTo("b2");
            assertThat(connects(second, o)).as("the old password").isFalse();
            assertThat(connects(second, again)).isTrue();
            assertThat(connects(first, again)).isTrue();
        }
    }
}
