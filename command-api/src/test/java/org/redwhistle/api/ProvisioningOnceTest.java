package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.ingest.provisioning.DeviceProvisioner;
import org.redwhistle.ingest.provisioning.ProvisioningAnswer;
import org.redwhistle.ingest.provisioning.ProvisioningAnswers;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * A provisioning request is decided once per nonce in the cluster: two handlers of one nonce at once
 * create one device and send one answer; the same request again gets that answer; another request under
 * the nonce is refused; refusals repeat; answers are forgotten after their retention (docs/cluster.md).
 */
class ProvisioningOnceTest extends IntegrationTest {

    private static final double LON = 119.1250;
    private static final double LAT = 36.7050;
    private static final String NONCE_TAKEN = "this nonce has already been used for another request; send the request under a new random nonce";

    @Autowired
    private DeviceProvisioner provisioner;

    @Autowired
    private ProvisioningAnswers answers;

    private JsonNode newKey(List<String> kinds, int quota) {
        byte[] body = http().post().uri("/api/v1/provisioning-keys").header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("name", "once-per-nonce test key", "kinds", kinds, "quota", quota, "validDays", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static ProvisioningClient.Request request(JsonNode key, String secret, String kind, String serial) {
        return new ProvisioningClient.Request(key.path("key").asText(), secret, kind, serial, "测试设备 " + serial, LON, LAT, "1.0.0", null);
    }

    /** Over MQTT, as a device: a new connection for each request. */
    private static ProvisioningClient.Response provision(String nonce, ProvisioningClient.Request r) throws Exception {
        try (ProvisioningClient c = new ProvisioningClient(SERVICES.mqttUrl(), "provision", SERVICES.provisionPassword())) {
            return c.provision(nonce, r);
        }
    }

    /** The bytes ProvisioningClient publishes. */
    private static byte[] payload(ProvisioningClient.Request r) {
        return JSON.writeValueAsBytes(JSON.createObjectNode().put("provisionKey", r.provisionKey()).put("provisionSecret", r.provisionSecret())
                .put("kind", r.kind()).put("serial", r.serial()).put("name", r.name()).put("lon", r.lon()).put("lat", r.lat())
                .put("firmware", r.firmware()));
    }

    private static String serial() {
        return "ONCE-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private long devicesWithSerial(String serial) {
        return jdbc.sql("select count(*) from device where serial = ?").param(serial).query(Long.class).single();
    }

    private long provisionedAudits(String deviceId) {
        return jdbc.sql("select count(*) from audit_log where action = 'device.provisioned' and entity_id = ?").param(deviceId)
                .query(Long.class).single();
    }

    @Test
    void twoHandlersOfOneNonceAtOnceCreateOneDeviceAndSendTheSameAnswer() throws Exception {
        JsonNode key = newKey(List.of("camera"), 5);
        String serial = serial();
        String nonce = ProvisioningClient.newNonce();
        byte[] request = payload(request(key, key.path("secret").asText(), "camera", serial));
        ExecutorService handlers = Executors.newFixedThreadPool(2);
        try (Connection holder = DriverManager.getConnection(SERVICES.dbUrl(), SERVICES.dbUser(), SERVICES.dbPassword())) {
            holder.setAutoCommit(false);
            // the test holds the key's row: the first handler claims the nonce, then waits inside its decision
            try (PreparedStatement s = holder.prepareStatement("select id from provisioning_key where id = ? for update")) {
                s.setString(1, key.path("key").asText());
                s.executeQuery().close();
            }
            Future<ProvisioningAnswer> first = handlers.submit(() -> provisioner.provision(nonce, request));
            awaitWaitingOnLock("%from provisioning_key where id%");
            Future<ProvisioningAnswer> second = handlers.submit(() -> provisioner.provision(nonce, request));
            awaitWaitingOnLock("%insert into provisioning_answer%"); // the second handler waits on the first's claim of the nonce
            holder.commit();

            ProvisioningAnswer a = first.get(20, TimeUnit.SECONDS);
            ProvisioningAnswer b = second.get(20, TimeUnit.SECONDS);
            assertThat(a.source()).isEqualTo(ProvisioningAnswer.Source.DECIDED);
            assertThat(a.success()).as(a.detail()).isTrue();
            assertThat(a.detail()).isEqualTo("created");
            assertThat(b.source()).as("the second handler sends the stored answer").isEqualTo(ProvisioningAnswer.Source.REPEATED);
            assertThat(b.json()).as("identical answers").isEqualTo(a.json());
            assertThat(devicesWithSerial(serial)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> provisionedAudits(a.deviceId()) == 1);

            JsonNode answer = JSON.readTree(a.json());
            assertThat(answer.path("password").asText()).isNotBlank();
            publishesAndIsStored(a.deviceId(), answer.path("username").asText(), answer.path("password").asText(), answer.path("clientId").asText());
            assertThat(provisionedAudits(a.deviceId())).as("one decision, one audit record").isEqualTo(1);
        } finally {
            handlers.shutdownNow();
        }
    }

    @Test
    void theSameRequestAgainGetsTheSameAnswerAndItsPasswordStillConnects() throws Exception {
        JsonNode key = newKey(List.of("camera"), 5);
        String serial = serial();
        String nonce = ProvisioningClient.newNonce();
        ProvisioningClient.Request r = request(key, key.path("secret").asText(), "camera", serial);
        ProvisioningClient.Response first = provision(nonce, r);
        assertThat(first.success()).as(first.detail()).isTrue();
        publishesAndIsStored(first.deviceId(), first.username(), first.password(), first.clientId());

        ProvisioningClient.Response again = provision(nonce, r);
        assertThat(again).as("the answer decided before, password included").isEqualTo(first);
        publishesAndIsStored(first.deviceId(), first.username(), first.password(), first.clientId());
        assertThat(devicesWithSerial(serial)).isEqualTo(1);
        assertThat(provisionedAudits(first.deviceId())).as("nothing decided again").isEqualTo(1);

        // the database holds the answer sealed: neither the password nor the secret can be read there
        byte[] stored = jdbc.sql("select answer from provisioning_answer where nonce = ?").param(nonce).query(byte[].class).single();
        String storedText = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(storedText).doesNotContain(first.password()).doesNotContain(first.deviceId());
        assertThat(jdbc.sql("select request_hash from provisioning_answer where nonce = ?").param(nonce).query(String.class).single())
                .doesNotContain(key.path("secret").asText()).hasSize(64);
    }

    @Test
    void anotherRequestOrAnotherSecretUnderAUsedNonceIsRefusedAndChangesNothing() throws Exception {
        JsonNode key = newKey(List.of("camera"), 5);
        String secret = key.path("secret").asText();
        String nonce = ProvisioningClient.newNonce();
        ProvisioningClient.Request r = request(key, secret, "camera", serial());
        ProvisioningClient.Response first = provision(nonce, r);
        assertThat(first.success()).as(first.detail()).isTrue();

        String otherSerial = serial();
        ProvisioningClient.Response other = provision(nonce, request(key, secret, "camera", otherSerial));
        assertThat(other.success()).isFalse();
        assertThat(other.detail()).isEqualTo(NONCE_TAKEN);
        assertThat(other.password()).isNull();
        assertThat(other.deviceId()).isNull();
        assertThat(devicesWithSerial(otherSerial)).isZero();

        ProvisioningClient.Response wrongSecret = provision(nonce, request(key, "not-the-secret", "camera", r.serial()));
        assertThat(wrongSecret.success()).isFalse();
        assertThat(wrongSecret.detail()).as("reveals nothing of the answer").isEqualTo(NONCE_TAKEN);
        assertThat(wrongSecret.password()).isNull();

        assertThat(provision(nonce, r)).as("the right request still gets its answer").isEqualTo(first);
        publishesAndIsStored(first.deviceId(), first.username(), first.password(), first.clientId());
    }

    @Test
    void aRefusalIsTheNoncesAnswerAndRepeatsEvenWhenTheRequestWouldNowSucceed() throws Exception {
        JsonNode key = newKey(List.of("camera"), 1);
        String secret = key.path("secret").asText();
        assertThat(provision(ProvisioningClient.newNonce(), request(key, secret, "camera", serial())).success()).isTrue();
        String nonce = ProvisioningClient.newNonce();
        String serial = serial();
        ProvisioningClient.Request r = request(key, secret, "camera", serial);
        ProvisioningClient.Response refused = provision(nonce, r);
        assertThat(refused.success()).isFalse();
        assertThat(refused.detail()).isEqualTo("quota of 1 devices for this provisioning key is used up");

        jdbc.sql("update provisioning_key set quota = 5 where id = ?").param(key.path("key").asText()).update();
        assertThat(provision(nonce, r)).as("the refusal decided for this nonce, not a new decision").isEqualTo(refused);
        assertThat(devicesWithSerial(serial)).isZero();

        ProvisioningClient.Response underANewNonce = provision(ProvisioningClient.newNonce(), r);
        assertThat(underANewNonce.success()).as(underANewNonce.detail()).isTrue();
        assertThat(devicesWithSerial(serial)).isEqualTo(1);
    }

    @Test
    void answersPastTheirRetentionAreForgottenAndTheNonceIsDecidedAfresh() throws Exception {
        JsonNode key = newKey(List.of("camera"), 1);
        String secret = key.path("secret").asText();
        assertThat(provision(ProvisioningClient.newNonce(), request(key, secret, "camera", serial())).success()).isTrue();
        String nonce = ProvisioningClient.newNonce();
        ProvisioningClient.Request r = request(key, secret, "camera", serial());
        assertThat(provision(nonce, r).success()).isFalse();
        jdbc.sql("update provisioning_key set quota = 5 where id = ?").param(key.path("key").asText()).update();

        answers.forget(Instant.now());
        assertThat(jdbc.sql("select count(*) from provisioning_answer where nonce = ?").param(nonce).query(Long.class).single()).as("a fresh answer is kept").isEqualTo(1);
        jdbc.sql("update provisioning_answer set decided_at = now() - interval '25 hours' where nonce = ?").param(nonce).update();
        assertThat(answers.forget(Instant.now())).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select count(*) from provisioning_answer where nonce = ?").param(nonce).query(Long.class).single()).isZero();

        ProvisioningClient.Response afresh = provision(nonce, r);
        assertThat(afresh.success()).as(afresh.detail()).isTrue();
    }

    private void awaitWaitingOnLock(String queryLike) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like ?""")
                .param(queryLike).query(Long.class).single() == 1);
    }

    private void publishesAndIsStored(String deviceId, String username, String password, String clientId) throws MqttException {
        MqttClient device = new MqttClient(SERVICES.mqttUrl(), clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(username);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        device.connect(o);
        String msgId = Events.newMsgId();
        device.publish("cc/v1/devices/" + deviceId + "/events",
                ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"camera.motion\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        device.disconnect();
        device.close();
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                .params(deviceId, msgId).query(Long.class).single() == 1L);
    }
}
