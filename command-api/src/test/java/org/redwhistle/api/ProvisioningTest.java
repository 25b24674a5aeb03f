package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.testing.BrokerSessions;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Integrators onboard devices over MQTT by themselves; every refusal says why and creates nothing. */
class ProvisioningTest extends IntegrationTest {

    private static final double IN_AREA_LON = 119.1250;
    private static final double IN_AREA_LAT = 36.7050;

    private JsonNode newKey(List<String> kinds, int quota) {
        byte[] body = http().post().uri("/api/v1/provisioning-keys").header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("name", "test key", "kinds", kinds, "quota", quota, "validDays", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private ProvisioningClient client() {
        return new ProvisioningClient(SERVICES.mqttUrl(), "provision", SERVICES.provisionPassword());
    }

    private ProvisioningClient.Response provision(JsonNode key, String secret, String kind, String serial, double lon, double lat)
            throws Exception {
        try (ProvisioningClient c = client()) {
            return c.provision(new ProvisioningClient.Request(key.path("key").asText(), secret, kind, serial,
                    "测试设备 " + serial, lon, lat, "1.0.0", null));
        }
    }

    private long devicesWithSerial(String serial) {
        return jdbc.sql("select count(*) from device where serial = ?").param(serial).query(Long.class).single();
    }

    private static String serial() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aNewDeviceProvisionsItselfAndPublishesWithItsOwnCredentials() throws Exception {
        JsonNode key = newKey(List.of("camera", "perimeter_alarm"), 5);
        assertThat(key.path("mqtt").path("username").asText()).isEqualTo("provision");
        String serial = serial();
        ProvisioningClient.Response r = provision(key, key.path("secret").asText(), "camera", serial, IN_AREA_LON, IN_AREA_LAT);
        assertThat(r.success()).as(r.detail()).isTrue();
        assertThat(r.detail()).isEqualTo("created");
        assertThat(r.deviceId()).startsWith("cam-");
        assertThat(r.brokerUrl()).as("a pool of one: the platform's broker").isEqualTo(SERVICES.mqttUrl());

        MqttClient cam = new MqttClient(SERVICES.mqttUrl(), r.clientId(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(r.username());
        o.setPassword(r.password().getBytes(StandardCharsets.UTF_8));
        cam.connect(o);
        String msgId = Events.newMsgId();
        cam.publish("cc/v1/devices/" + r.deviceId() + "/events",
                ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"camera.motion\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                .params(r.deviceId(), msgId).query(Long.class).single() == 1L);
        cam.disconnect();
        cam.close();

        JsonNode mine = getJson("/api/v1/devices", "integrator");
        assertThat(mine.path("items").valueStream().map(d -> d.path("id").asText())).contains(r.deviceId()).doesNotContain("wall-01");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'device.provisioned' and entity_id = ?")
                .param(r.deviceId()).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void refusalsSayWhyAndCreateNothing() throws Exception {
        JsonNode key = newKey(List.of("camera"), 1);
        String secret = key.path("secret").asText();

        String s1 = serial();
        assertThat(provision(key, "wrong-secret", "camera", s1, IN_AREA_LON, IN_AREA_LAT).detail())
                .isEqualTo("unknown provisioning key or wrong secret");
        assertThat(provision(key, secret, "access_gate", s1, IN_AREA_LON, IN_AREA_LAT).detail())
                .isEqualTo("kind 'access_gate' is not allowed by this provisioning key (allowed: camera)");
        assertThat(provision(key, secret, "camera", s1, 119.137, 36.705).detail())
                .startsWith("location 119.137,36.705 is outside the area of this provisioning key");
        assertThat(devicesWithSerial(s1)).isZero();

        assertThat(provision(key, secret, "camera", serial(), IN_AREA_LON, IN_AREA_LAT).success()).isTrue();
        String s2 = serial();
        assertThat(provision(key, secret, "camera", s2, IN_AREA_LON, IN_AREA_LAT).detail())
                .isEqualTo("quota of 1 devices for this provisioning key is used up");
        assertThat(devicesWithSerial(s2)).isZero();

        JsonNode expiring = newKey(List.of("camera"), 5);
        jdbc.sql("update provisioning_key set expires_at = now() - interval '1 minute' where id = ?").param(expiring.path("key").asText()).update();
        String s3 = serial();
        assertThat(provision(expiring, expiring.path("secret").asText(), "camera", s3, IN_AREA_LON, IN_AREA_LAT).detail())
                .startsWith("provisioning key expired at");
        assertThat(devicesWithSerial(s3)).isZero();
    }

    @Test
    void aPreRegisteredDeviceIsClaimedBySerialAndReProvisionedByTheSameIntegrator() throws Exception {
        JsonNode key = newKey(List.of("patrol_terminal"), 5);
        String secret = key.path("secret").asText();
        ProvisioningClient.Response claimed = provision(key, secret, "patrol_terminal", "SN-PATROL-03", 119.1240, 36.7030);
        assertThat(claimed.success()).as(claimed.detail()).isTrue();
        assertThat(claimed.detail()).isEqualTo("claimed");
        assertThat(claimed.deviceId()).isEqualTo("patrol-03");

        JsonNode another = newKey(List.of("patrol_terminal"), 5);
        ProvisioningClient.Response again = provision(another, another.path("secret").asText(), "patrol_terminal", "SN-PATROL-03", 119.1240, 36.7030);
        assertThat(again.detail()).isEqualTo("re-provisioned");
        assertThat(again.deviceId()).isEqualTo("patrol-03");
        assertThat(getJson("/api/v1/devices/patrol-03", "integrator").path("provisioningKey").asText()).isEqualTo(another.path("key").asText());
    }

    @Test
    void theProvisioningAccountCannotSubscribeWithWildcards() throws Exception {
        newKey(List.of("camera"), 1); // the platform has set up the provisioning account by now
        MqttAsyncClient spy = new MqttAsyncClient(SERVICES.mqttUrl(), "spy-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName("provision");
        o.setPassword(SERVICES.provisionPassword().getBytes(StandardCharsets.UTF_8));
        spy.connect(o).waitForCompletion(10_000);
        for (String filter : List.of("cc/v1/provision/+/response", "cc/v1/provision/#", "cc/v1/#", "#", "cc/v1/provision/+/+",
                "cc/v1/devices/+/commands")) {
            assertThat(subscribeReason(spy, filter)).as("SUBACK for " + filter).isGreaterThanOrEqualTo(0x80);
        }
        assertThat(subscribeReason(spy, "cc/v1/provision/" + "a".repeat(32) + "/response")).as("literal response topic").isLessThan(0x80);
        spy.disconnect().waitForCompletion(5_000);
        spy.close();
    }

    private static int subscribeReason(MqttAsyncClient c, String filter) {
        try {
            IMqttToken t = c.subscribe(filter, 1);
            t.waitForCompletion(10_000);
            return t.getReasonCodes()[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    @Test
    void disablingADeviceCutsItOffTheBrokerAtOnceAndEnablingLetsItBack() throws Exception {
        JsonNode key = newKey(List.of("perimeter_alarm"), 2);
        ProvisioningClient.Response r = provision(key, key.path("secret").asText(), "perimeter_alarm", serial(), IN_AREA_LON, IN_AREA_LAT);
        assertThat(r.success()).as(r.detail()).isTrue();
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(r.username());
        o.setPassword(r.password().getBytes(StandardCharsets.UTF_8));
        MqttClient wall = new MqttClient(SERVICES.mqttUrl(), r.clientId(), new MemoryPersistence());
        wall.connect(o);
        assertThat(wall.isConnected()).isTrue();

        http().patch().uri("/api/v1/devices/" + r.deviceId()).header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("state", "DISABLED")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.state").isEqualTo("DISABLED");
        await().atMost(Duration.ofSeconds(5)).until(() -> !wall.isConnected());
        MqttClient retry = new MqttClient(SERVICES.mqttUrl(), r.clientId(), new MemoryPersistence());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> retry.connect(o)).isInstanceOf(MqttException.class);

        // DISABLED is final for the integrator: re-enabling is the command center's (devices.enable)
        http().patch().uri("/api/v1/devices/" + r.deviceId()).header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("state", "ACTIVE")).exchange().expectStatus().isForbidden();
        http().patch().uri("/api/v1/devices/" + r.deviceId()).header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("state", "ACTIVE")).exchange().expectStatus().isOk();
        retry.connect(o);
        assertThat(retry.isConnected()).isTrue();
        retry.disconnect();
        retry.close();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'device.edited' and entity_id = ?")
                .param(r.deviceId()).query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void aDisabledDeviceStaysDisabledWhenItsSerialIsProvisionedAgain() throws Exception {
        JsonNode key = newKey(List.of("perimeter_alarm"), 3);
        String secret = key.path("secret").asText();
        String serial = serial();
        ProvisioningClient.Response first = provision(key, secret, "perimeter_alarm", serial, IN_AREA_LON, IN_AREA_LAT);
        assertThat(first.success()).as(first.detail()).isTrue();
        http().patch().uri("/api/v1/devices/" + first.deviceId()).header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("state", "DISABLED")).exchange().expectStatus().isOk();

        ProvisioningClient.Response again = provision(key, secret, "perimeter_alarm", serial, IN_AREA_LON, IN_AREA_LAT);
        assertThat(again.success()).isFalse();
        assertThat(again.detail()).isEqualTo("device " + first.deviceId() + " (serial " + serial + ") is disabled; "
                + "provisioning cannot enable it again, only someone allowed to re-enable the device can");
        assertThat(again.password()).isNull();
        JsonNode otherKey = newKey(List.of("perimeter_alarm"), 3);
        assertThat(provision(otherKey, otherKey.path("secret").asText(), "perimeter_alarm", serial, IN_AREA_LON, IN_AREA_LAT).success())
                .as("another key of the same integrator").isFalse();
        assertThat(getJson("/api/v1/devices/" + first.deviceId(), "integrator").path("state").asText()).isEqualTo("DISABLED");
        assertThat(connects(first)).as("the old credentials").isFalse();

        // credentials issued over REST for the disabled device (if they are issued at all) do not connect either
        byte[] body = http().post().uri("/api/v1/devices/" + first.deviceId() + "/credentials").header("Authorization", "Bearer " + token("admin"))
                .exchange().returnResult(byte[].class).getResponseBodyContent();
        JsonNode issued = JSON.readTree(body);
        if (issued.hasNonNull("password")) {
            assertThat(connects(new ProvisioningClient.Response(true, "rest", first.deviceId(), issued.path("username").asText(),
                    issued.path("password").asText(), issued.path("clientId").asText(), null))).as("credentials issued while disabled").isFalse();
        }
    }

    private static boolean connects(ProvisioningClient.Response r) throws MqttException {
        return BrokerSessions.connects(SERVICES.mqttUrl(), r.clientId(), r.username(), r.password(), 10);
    }
}
