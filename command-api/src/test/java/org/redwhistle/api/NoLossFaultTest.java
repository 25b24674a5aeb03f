package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.mqtt.MessageCallback;
import org.redwhistle.testing.AppProcess;
import org.redwhistle.testing.Faults;
import org.redwhistle.testing.Reports;
import org.redwhistle.testing.TestServices;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing a device was told "received" is lost. While a device publishes steadily at QoS 1, the app
 * is SIGKILLed and restarted, then the broker is restarted, then the database refuses the app for a
 * while. Afterwards every message the broker acknowledged to the device is stored exactly once.
 */
class NoLossFaultTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TestServices services = TestServices.get();

    @Test
    void everyAcknowledgedEventIsStoredExactlyOnceThroughAppBrokerAndDatabaseFailures() throws Exception {
        String brokerDir = System.getenv("RW_TEST_BROKER_DIR");
        assertThat(brokerDir).as("RW_TEST_BROKER_DIR (set by scripts/test.sh) names this run's broker").isNotNull();
        String demoPassword = "fault-" + System.nanoTime();
        AppProcess app = new AppProcess(services, Faults.freePort(), "fault-" + ProcessHandle.current().pid(), demoPassword,
                Path.of("target", "reports"));
        app.start();
        try {
            runFaults(app, demoPassword, brokerDir);
        } finally {
            app.stop();
            // the broker's own account of the run (connections, takeovers), beside the app's logs
            Files.copy(Path.of(brokerDir, "mosquitto.log"), Path.of("target", "reports", "fault-broker.log"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void runFaults(AppProcess app, String demoPassword, String brokerDir) throws Exception {
        String run = "fault" + Long.toString(System.currentTimeMillis(), 36);
        String[] creds = credentials(app, demoPassword, "cam-04");

        Set<String> acked = ConcurrentHashMap.newKeySet();
        AtomicLong attempted = new AtomicLong();
        AtomicBoolean publishing = new AtomicBoolean(true);
        MqttAsyncClient device = new MqttAsyncClient(services.mqttUrl(), creds[2], new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(creds[0]);
        o.setPassword(creds[1].getBytes(StandardCharsets.UTF_8));
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 2);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(3600L);
        List<String> drops = new CopyOnWriteArrayList<>();
        long began = System.nanoTime();
        device.setCallback(new MessageCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
                drops.add(String.format("%.1f s: %s", (System.nanoTime() - began) / 1e9, r.getReasonString() != null ? r.getReasonString()
                        : r.getException() != null ? r.getException().toString() : "reason code " + r.getReturnCode()));
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
            }
        });
        device.connect(o).waitForCompletion(10_000);
        AtomicLong nudges = new AtomicLong();
        Thread publisher = new Thread(() -> {
            long n = 0;
            long lastConnected = System.nanoTime();
            while (publishing.get()) {
                if (device.isConnected()) {
                    lastConnected = System.nanoTime();
                } else if (System.nanoTime() - lastConnected > TimeUnit.SECONDS.toNanos(5)) {
                    // Paho's automatic reconnect at times never tries again after the broker restart (the broker saw no
                    // attempt in 15 s); a real device's watchdog reconnects, and so does this one
                    lastConnected = System.nanoTime();
                    nudges.incrementAndGet();
                    try {
                        device.reconnect();
                    } catch (MqttException e) {
                        // tried again in 5 s
                    }
                }
                String msgId = run + "-" + (n++);
                String payload = "{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Instant.now() + "\",\"type\":\"camera.motion\"}";
                Faults.publishCounted(device, "cc/v1/devices/cam-04/events", msgId, payload, acked, attempted);
                sleep(5);
            }
        }, "fault-publisher");
        publisher.start();

        sleep(3000);
        app.kill();                     // (a) the app dies without warning, messages in its memory included
        sleep(3000);
        app.start();
        sleep(2000);
        Faults.restartBroker(Path.of(brokerDir));   // (b) the broker restarts (its persistence keeps the queues)
        sleep(4000);
        Instant databaseBack = databaseOutage(6000);  // (c) the database refuses the app for 6 s
        sleep(3000);
        publishing.set(false);
        publisher.join();
        sleep(1500);                    // let the last PUBACKs arrive

        Set<String> stored = new HashSet<>();
        long rows = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            stored.clear();
            rows = 0;
            try (Connection c = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select msg_id from device_event where device_id = 'cam-04' and msg_id like '" + run + "-%'")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                    rows++;
                }
            }
            if (stored.containsAll(acked)) {
                break;
            }
            sleep(1000);
        }
        boolean deviceConnected = device.isConnected();
        try {
            device.disconnectForcibly(1_000, 1_000, false);
            device.close(true);
        } catch (MqttException e) {
            // Paho may still be in its reconnect loop; the test's figures are already collected
        }

        // the instance lost its lease with its database connections: how soon it took the lease back
        String leaseBack;
        try (Connection c = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword());
                java.sql.PreparedStatement s = c.prepareStatement("select min(active_since) from ingestion_leader where active_since > ?")) {
            s.setTimestamp(1, java.sql.Timestamp.from(databaseBack.minusSeconds(6)));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                leaseBack = rs.getTimestamp(1) == null ? "never"
                        : java.time.Duration.between(databaseBack, rs.getTimestamp(1).toInstant()).toMillis() + " ms after the database was back";
            }
        }
        Set<String> missing = new HashSet<>(acked);
        missing.removeAll(stored);
        Reports.append("fault-test.txt", String.format(
                "fault test: published %d, broker-acknowledged %d, stored %d rows (%d distinct), acknowledged but missing %d, device connected at the end: %s, its connection dropped %d times %s (reconnect nudged %d times); lease taken back %s",
                attempted.get(), acked.size(), rows, stored.size(), missing.size(), deviceConnected, drops.size(), drops, nudges.get(),
                leaseBack));
        assertThat(acked).as("the device got acknowledgements across the faults").hasSizeGreaterThan(1000);
        assertThat(missing).as("acknowledged but not stored").isEmpty();
        assertThat(rows).as("each stored once").isEqualTo(stored.size());
        // the broker restart drops the device once; its reconnect must then hold (a resent publish carrying only a
        // topic alias the restarted broker never saw is a protocol error, reason code 130, and the device loops for ever)
        assertThat(drops).as("the device's disconnections").noneMatch(d -> d.endsWith("reason code 130"));
        assertThat(deviceConnected).as("the device is connected again at the end").isTrue();
    }

    private static String[] credentials(AppProcess app, String password, String deviceId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(login.body()).path("accessToken").asText();
        HttpResponse<String> issued = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/api/v1/devices/" + deviceId + "/credentials"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode c = JSON.readTree(issued.body());
        return new String[] {c.path("username").asText(), c.path("password").asText(), c.path("clientId").asText()};
    }

    /**
     * The app's database stops taking connections and its open ones are cut, for {@code millis}. Only
     * the database's owner may close it; the app's connections are cut as the app's own role (a role
     * may end its own sessions, and the owner is not a member of the app's role).
     */
    private Instant databaseOutage(long millis) throws Exception {
        String db = services.dbUrl().substring(services.dbUrl().lastIndexOf('/') + 1);
        String admin = services.dbUrl().substring(0, services.dbUrl().lastIndexOf('/') + 1) + "postgres";
        try (Connection owner = DriverManager.getConnection(admin, services.dbOwnerUser(), services.dbOwnerPassword());
                Connection app = DriverManager.getConnection(admin, services.dbUser(), services.dbPassword());
                Statement o = owner.createStatement(); Statement a = app.createStatement()) {
            o.execute("alter database \"" + db + "\" allow_connections false");
            a.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db + "' and usename = current_user and pid <> pg_backend_pid()");
            sleep(millis);
            o.execute("alter database \"" + db + "\" allow_connections true");
            return Instant.now();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
