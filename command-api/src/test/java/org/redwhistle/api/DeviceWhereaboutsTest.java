package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.provisioning.ProvisioningClient;
import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Devices are not trusted about where they are. A wall alarm provisioned under a key for 松鹤园社区
 * that says an intrusion happened in 奎文门社区 is alarmed at its own registered place, in its own
 * community, with what it said kept for audit; a patrol terminal's fixes and events from outside its
 * key's area are dead-lettered with the reason.
 */
class DeviceWhereaboutsTest extends IntegrationTest {

    /** Where the devices are provisioned: inside 松鹤园社区. */
    private static final double HOME_LON = 119.1250;
    private static final double HOME_LAT = 36.7050;
    /** Inside 奎文门社区, next door. */
    private static final double KWM_LON = 119.137;
    private static final double KWM_LAT = 36.705;

    @Autowired
    private MeterRegistry meters;

    private ProvisioningClient.Response provision(String kind) throws Exception {
        byte[] body = http().post().uri("/api/v1/provisioning-keys").header("Authorization", "Bearer " + token("integrator"))
                .bodyValue(Map.of("name", "whereabouts test", "kinds", List.of(kind), "quota", 1, "validDays", 1))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        JsonNode key = JSON.readTree(body);
        try (ProvisioningClient c = new ProvisioningClient(SERVICES.mqttUrl(), "provision", SERVICES.provisionPassword())) {
            String serial = "W-" + UUID.randomUUID().toString().substring(0, 8);
            ProvisioningClient.Response r = c.provision(new ProvisioningClient.Request(key.path("key").asText(), key.path("secret").asText(),
                    kind, serial, "位置测试 " + serial, HOME_LON, HOME_LAT, "1.0.0", null));
            assertThat(r.success()).as(r.detail()).isTrue();
            return r;
        }
    }

    private static MqttClient connect(ProvisioningClient.Response r) throws Exception {
        MqttClient c = new MqttClient(SERVICES.mqttUrl(), r.clientId(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(r.username());
        o.setPassword(r.password().getBytes(StandardCharsets.UTF_8));
        c.connect(o);
        return c;
    }

    private long areaId(String code) {
        return jdbc.sql("select id from area where code = ?").param(code).query(Long.class).single();
    }

    @Test
    void aWallAlarmSayingItIsInAnotherCommunityIsAlarmedAtItsRegisteredPlaceAndFlagged() throws Exception {
        ProvisioningClient.Response wall = provision("perimeter_alarm");
        double relocatedBefore = meters.counter("rw.ingest.relocated", "kind", "perimeter_alarm").count();
        String msgId = Events.newMsgId();
        try (StompTestClient ours = StompTestClient.open(port); StompTestClient theirs = StompTestClient.open(port)) {
            ours.connect(token("operator"));
            ours.subscribe("a", "/topic/alarms");
            theirs.connect(token("operator-kwm"));
            theirs.subscribe("a", "/topic/alarms");
            MqttClient device = connect(wall);
            device.publish("cc/v1/devices/" + wall.deviceId() + "/events",
                    Events.intrusion(msgId, Events.now(), KWM_LON, KWM_LAT, "T-WHERE-" + msgId.substring(0, 6)).getBytes(StandardCharsets.UTF_8), 1, false);
            device.disconnect();
            device.close();

            StompTestClient.Frame alarm = ours.await(f -> f.command().equals("MESSAGE") && f.body().contains(msgId), Duration.ofSeconds(10));
            assertThat(alarm).as("the alarm, pushed to 松鹤园社区's operator").isNotNull();
            JsonNode a = JSON.readTree(alarm.body());
            assertThat(a.path("lon").asDouble()).isCloseTo(HOME_LON, within(1e-9));
            assertThat(a.path("lat").asDouble()).isCloseTo(HOME_LAT, within(1e-9));
            assertThat(theirs.nothingMatching(f -> f.body().contains(msgId), Duration.ofSeconds(1)))
                    .as("奎文门社区's operator is not alarmed by another community's device").isTrue();
            List<Long> path = jdbc.sql("select unnest(area_path) from alarm where id = ?").param(a.path("id").asLong()).query(Long.class).list();
            assertThat(path).contains(areaId("370705001001")).doesNotContain(areaId("370705001002"));
            resolveAlarm(a.path("id").asLong(), "测试：位置不可信");
        }

        Map<String, Object> row = jdbc.sql("""
                select st_x(location) lon, st_y(location) lat, st_x(reported_location) rlon, st_y(reported_location) rlat, reported_distance_m
                from device_event where device_id = ? and msg_id = ?""").params(wall.deviceId(), msgId).query().singleRow();
        assertThat((Double) row.get("lon")).isCloseTo(HOME_LON, within(1e-9));
        assertThat((Double) row.get("lat")).isCloseTo(HOME_LAT, within(1e-9));
        assertThat((Double) row.get("rlon")).as("what the device said, kept").isCloseTo(KWM_LON, within(1e-9));
        assertThat((Double) row.get("rlat")).isCloseTo(KWM_LAT, within(1e-9));
        assertThat(((Number) row.get("reported_distance_m")).doubleValue())
                .isCloseTo(Ellipsoid.distanceM(HOME_LON, HOME_LAT, KWM_LON, KWM_LAT), within(0.5));
        assertThat(meters.counter("rw.ingest.relocated", "kind", "perimeter_alarm").count() - relocatedBefore).isEqualTo(1.0);
    }

    @Test
    void aWallAlarmWithinItsToleranceIsWhereItSaysAndNotFlagged() throws Exception {
        ProvisioningClient.Response wall = provision("perimeter_alarm");
        MqttClient device = connect(wall);
        String msgId = Events.newMsgId();
        // 220 m along its wall, in its own community
        device.publish("cc/v1/devices/" + wall.deviceId() + "/events",
                Events.intrusion(msgId, Events.now(), HOME_LON, HOME_LAT + 0.002, "T-WHERE-" + msgId.substring(0, 6)).getBytes(StandardCharsets.UTF_8), 1, false);
        device.disconnect();
        device.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ? and msg_id = ?")
                .params(wall.deviceId(), msgId).query(Long.class).single() == 1);
        Map<String, Object> row = jdbc.sql("select st_y(location) lat, reported_location, reported_distance_m from device_event where device_id = ? and msg_id = ?")
                .params(wall.deviceId(), msgId).query().singleRow();
        assertThat((Double) row.get("lat")).isCloseTo(HOME_LAT + 0.002, within(1e-9));
        assertThat(row.get("reported_location")).isNull();
        assertThat(row.get("reported_distance_m")).isNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where device_id = ?").param(wall.deviceId())
                .query(Long.class).single() == 1);
        resolveAlarm(jdbc.sql("select id from alarm where device_id = ?").param(wall.deviceId()).query(Long.class).single(), "测试：容差内");
    }

    @Test
    void aPatrolTerminalsFixesAndEventsFromOutsideItsKeysAreaAreDeadLetteredWithTheReason() throws Exception {
        ProvisioningClient.Response terminal = provision("patrol_terminal");
        String id = terminal.deviceId();
        MqttClient device = connect(terminal);
        String outsideEvent = Events.newMsgId();
        String insideEvent = Events.newMsgId();
        device.publish("cc/v1/devices/" + id + "/telemetry", fix(KWM_LON, KWM_LAT), 1, false);
        device.publish("cc/v1/devices/" + id + "/events", ("{\"msgId\":\"" + outsideEvent + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"patrol.checkpoint\",\"checkpointId\":\"T-CP\",\"lon\":" + KWM_LON + ",\"lat\":" + KWM_LAT + "}").getBytes(StandardCharsets.UTF_8), 1, false);
        device.publish("cc/v1/devices/" + id + "/telemetry", fix(HOME_LON + 0.003, HOME_LAT), 1, false);
        device.publish("cc/v1/devices/" + id + "/events", ("{\"msgId\":\"" + insideEvent + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"patrol.checkpoint\",\"checkpointId\":\"T-CP\",\"lon\":" + (HOME_LON + 0.003) + ",\"lat\":" + HOME_LAT + "}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        device.disconnect();
        device.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select st_x(location) from device_position where device_id = ?").param(id).query(Double.class).list())
                .as("the fix inside its area, alone").containsExactly(HOME_LON + 0.003));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select msg_id from device_event where device_id = ?").param(id).query(String.class).list()).containsExactly(insideEvent));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                "select reason from dead_letter where device_id = ? order by id").param(id).query(String.class).list())
                .as("the fix and the event from 奎文门社区").containsExactly(
                        "location 119.137,36.705 is outside the device's area (松鹤园社区)",
                        "location 119.137,36.705 is outside the device's area (松鹤园社区)"));
    }

    private static byte[] fix(double lon, double lat) {
        return ("{\"ts\":\"" + Events.now() + "\",\"type\":\"position\",\"lon\":" + lon + ",\"lat\":" + lat + "}").getBytes(StandardCharsets.UTF_8);
    }
}
