package org.redwhistle.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.redwhistle.RedWhistleApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application on a random port against the run's real PostgreSQL/PostGIS and Mosquitto,
 * with the demo village seeded. One Spring context is shared by every integration test class.
 */
@SpringBootTest(classes = RedWhistleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IntegrationTest {

    protected static final TestServices SERVICES = TestServices.get();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final Map<String, String[]> DEVICE_CREDENTIALS = new ConcurrentHashMap<>();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", SERVICES::dbUrl);
        r.add("spring.datasource.username", SERVICES::dbUser);
        r.add("spring.datasource.password", SERVICES::dbPassword);
        r.add("spring.flyway.user", SERVICES::dbOwnerUser);
        r.add("spring.flyway.password", SERVICES::dbOwnerPassword);
        r.add("redwhistle.mqtt.url", SERVICES::mqttUrl);
        r.add("redwhistle.mqtt.username", SERVICES::mqttUser);
        r.add("redwhistle.mqtt.password", SERVICES::mqttPassword);
        r.add("redwhistle.mqtt.instance-id", () -> "test-" + ProcessHandle.current().pid());
        r.add("redwhistle.security.jwt-secret", SERVICES::jwtSecret);
        r.add("redwhistle.demo.enabled", () -> "true");
        r.add("redwhistle.demo.password", SERVICES::demoPassword);
        r.add("redwhistle.provisioning.mqtt-password", SERVICES::provisionPassword);
        // short clocks so liveness and command time-outs can be watched within a test
        r.add("redwhistle.commands.timeout", () -> "3s");
        r.add("redwhistle.commands.sweep-interval", () -> "500ms");
        r.add("redwhistle.liveness.offline-after", () -> "4s");
        r.add("redwhistle.liveness.check-interval", () -> "1s");
        r.add("redwhistle.geo.refresh-interval", () -> "500ms");
        r.add("redwhistle.members.persist-interval", () -> "1s");
        // small enough that SlowConsumerTest overflows it within seconds, far above what other tests push
        r.add("redwhistle.push.session-buffer-bytes", () -> "4194304");
        // SOS (the only CRITICAL alarm at creation) is dispatched without waiting for an operator
        r.add("redwhistle.alarms.auto-dispatch", () -> "CRITICAL");
        r.add("redwhistle.verification.retry-after", () -> "1s");
        // recordings (issue 22): this instance records; short segments, rolls and sweeps so a clip is cut within seconds
        r.add("redwhistle.recordings.enabled", () -> "true");
        // only cameras with their own mode are recorded (the recordings tests' camera), not every demo camera with a stream
        r.add("redwhistle.recordings.default-mode", () -> "OFF");
        r.add("redwhistle.recordings.dir", () -> "target/recordings-test");
        r.add("redwhistle.recordings.segment", () -> "2s");
        r.add("redwhistle.recordings.pre-roll", () -> "4s");
        r.add("redwhistle.recordings.post-roll", () -> "4s");
        r.add("redwhistle.recordings.event-buffer", () -> "20s");
        r.add("redwhistle.recordings.sweep-interval", () -> "1s");
        r.add("redwhistle.recordings.retention-check", () -> "1h");
        // rate limits at their defaults, but cameras: IngestRejectionTest streams 300 camera events as fast as it can
        // (DeviceFloodTest floods a wall alarm); windows of excess short enough to see their summaries in a test; no
        // catch-up allowance after start-up, so DeviceFloodTest meets the limits themselves whenever it runs
        // (NoLossFaultTest's app, restarted under load, keeps the default)
        r.add("redwhistle.ingest.rate-limit.camera-rate", () -> "1000");
        r.add("redwhistle.ingest.rate-limit.camera-burst", () -> "1000");
        r.add("redwhistle.ingest.rate-limit.window", () -> "2s");
        r.add("redwhistle.ingest.rate-limit.catch-up", () -> "0s");
        // live video (issue 22): the demo cameras stream from this run's own RTSP server; leases lapse quickly and the
        // cap is low, so that LiveVideoTest sees a lapse and the cap within seconds
        r.add("redwhistle.demo.camera-streams", () -> CameraStreamsServer.get().baseUrl());
        r.add("redwhistle.video.max-relays", () -> "3");
        r.add("redwhistle.video.lease-ttl", () -> "4s");
        r.add("redwhistle.video.sweep-interval", () -> "500ms");
        // hermetic: a GCJ-02 basemap whose tiles fail fast instead of reaching the internet
        r.add("redwhistle.map.gcj02-tiles", () -> "http://127.0.0.1:9/tiles/{z}/{x}/{y}.png");
    }

    /**
     * The database as its owner role, which the application never uses at run time: for what the
     * application's role may not do (tampering with the audit log, dropping a partition).
     */
    protected static JdbcClient ownerJdbc() {
        return JdbcClient.create(new DriverManagerDataSource(SERVICES.dbUrl(), SERVICES.dbOwnerUser(), SERVICES.dbOwnerPassword()));
    }

    /**
     * A second application instance ("{@code name}") on this run's database and broker, beside the
     * shared one: its own HTTP port, its own instance id, no ingestion (MQTT off), no migrations and
     * no demo. {@code extra} settings are added or override these.
     */
    protected static org.springframework.context.ConfigurableApplicationContext startSecondInstance(String name, Map<String, String> extra) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.datasource.url", SERVICES.dbUrl());
        settings.put("spring.datasource.username", SERVICES.dbUser());
        settings.put("spring.datasource.password", SERVICES.dbPassword());
        settings.put("spring.flyway.enabled", "false");
        settings.put("redwhistle.mqtt.url", SERVICES.mqttUrl());
        settings.put("redwhistle.mqtt.username", SERVICES.mqttUser());
        settings.put("redwhistle.mqtt.password", SERVICES.mqttPassword());
        settings.put("redwhistle.mqtt.instance-id", "test-" + ProcessHandle.current().pid() + "-" + name);
        settings.put("redwhistle.mqtt.enabled", "false");
        settings.put("redwhistle.security.jwt-secret", SERVICES.jwtSecret());
        settings.put("redwhistle.demo.enabled", "false");
        settings.put("redwhistle.provisioning.mqtt-password", SERVICES.provisionPassword());
        settings.put("redwhistle.alarms.auto-dispatch", "");
        settings.putAll(extra);
        // as command-line arguments: they outrank application.yml (builder "properties" are only defaults)
        return new org.springframework.boot.builder.SpringApplicationBuilder(RedWhistleApplication.class)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    protected WebTestClient http() {
        // the OpenAPI document (/v3/api-docs) is larger than the client's default 256 KiB buffer
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(8 * 1024 * 1024)).build();
    }

    /** A bearer token for a demo user (cached per run). */
    protected String token(String username) {
        return TOKENS.computeIfAbsent(username, u -> {
            byte[] body = http().post().uri("/api/v1/auth/token")
                    .bodyValue(Map.of("username", u, "password", SERVICES.demoPassword()))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            return JSON.readTree(body).path("accessToken").asText();
        });
    }

    @Autowired
    private org.springframework.security.oauth2.jwt.JwtEncoder jwtEncoder;

    /** A real token of a demo user, signed by the application's key, that expires {@code in} from now. */
    protected String tokenExpiringIn(String username, Duration in) {
        var u = jdbc.sql("select id, role, area_id from app_user where username = ?").param(username)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getObject(3)}).single();
        java.time.Instant now = java.time.Instant.now();
        var claims = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder().issuer("red-whistle").subject(username).issuedAt(now)
                .expiresAt(now.plus(in)).claim("uid", u[0]).claim("role", u[1]).claim("name", username);
        if (u[2] != null) {
            claims.claim("area", u[2]);
        }
        return jwtEncoder.encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(
                org.springframework.security.oauth2.jwt.JwsHeader.with(org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256).build(),
                claims.build())).getTokenValue();
    }

    /**
     * A perimeter intrusion published by the device over MQTT; returns the alarm it raised once it
     * exists. The device's earlier open alarms are closed first, so this is a new alarm, not a repeat.
     */
    protected long raiseIntrusion(String device, String zone, double lon, double lat) throws MqttException {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id = ?").param(device).update();
        MqttClient d = connectDevice(device);
        String msgId = Events.newMsgId();
        d.publish("cc/v1/devices/" + device + "/events", Events.intrusion(msgId, Events.now(), lon, lat, zone).getBytes(StandardCharsets.UTF_8), 1, false);
        d.disconnect();
        d.close();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where event_msg_id = ?")
                .param(msgId).query(Long.class).single() == 1);
        return jdbc.sql("select id from alarm where event_msg_id = ?").param(msgId).query(Long.class).single();
    }

    protected JsonNode getJson(String path, String username) {
        byte[] body = http().get().uri(path).header("Authorization", "Bearer " + token(username))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** The device's own broker account, issued once per run through the REST API (as ADMIN). */
    /**
     * Resolves an alarm as the operator, which frees the members dispatched to it (tests share one
     * database: a test that dispatched someone gives them back).
     */
    protected void resolveAlarm(long id, String note) {
        http().post().uri("/api/v1/alarms/" + id + "/resolve").header("Authorization", "Bearer " + token("operator"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(java.util.Map.of("note", note))
                .exchange().expectStatus().isOk();
    }

    protected String[] deviceCredentials(String deviceId) {
        return DEVICE_CREDENTIALS.computeIfAbsent(deviceId, id -> {
            byte[] body = http().post().uri("/api/v1/devices/" + id + "/credentials")
                    .header("Authorization", "Bearer " + token("admin"))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            JsonNode c = JSON.readTree(body);
            return new String[] {c.path("username").asText(), c.path("password").asText(), c.path("clientId").asText()};
        });
    }

    /** A real MQTT 5 connection as the device, with its own credentials. */
    protected MqttClient connectDevice(String deviceId) throws MqttException {
        String[] c = deviceCredentials(deviceId);
        MqttClient client = new MqttClient(SERVICES.mqttUrl(), c[2], new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(c[0]);
        o.setPassword(c[1].getBytes(StandardCharsets.UTF_8));
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        client.connect(o);
        return client;
    }

    /**
     * Publishes at QoS 1 with the synchronous client, again after a moment when Paho refuses with "too many publishes in
     * progress": its synchronous publish returns on the PUBACK before its callback thread has counted the message out
     * of flight, so a tight loop on a busy machine can run into the broker's receive maximum with nothing in flight.
     */
    protected static void publishSteadily(MqttClient client, String topic, byte[] payload) throws MqttException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 200) throw e;
                Thread.sleep(10);
            }
        }
    }
}
