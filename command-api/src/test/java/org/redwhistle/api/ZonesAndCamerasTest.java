package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * Perimeter zones with arming schedules (an intrusion on a disarmed zone is only logged), restricted
 * areas with enter/exit detection for people and devices, and the cameras that see a point.
 */
class ZonesAndCamerasTest extends IntegrationTest {

    /** A wall alarm of this test's own (wall-04 belongs to the browser test, which expects it quiet). */
    private static final String WALL_TOPIC = "cc/v1/devices/wall-t1/events";

    private JsonNode send(String method, String path, Object body, int status) {
        var spec = (method.equals("POST") ? http().post() : http().put()).uri(path).header("Authorization", "Bearer " + token("operator"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return spec.getResponseBody() == null ? null : JSON.readTree(spec.getResponseBody());
    }

    private long shy() {
        return jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
    }

    private long alarms(String zone) {
        return jdbc.sql("select count(*) from alarm where zone_id = ?").param(zone).query(Long.class).single();
    }

    private long activity(String zone, String kind, boolean armed) {
        return jdbc.sql("select count(*) from zone_activity a join zone z on z.id = a.zone_id where z.code = ? and a.kind = ? and a.armed = ?")
                .params(zone, kind, armed).query(Long.class).single();
    }

    private void intrusion(MqttClient wall, String zone, String marker) throws Exception {
        wall.publish(WALL_TOPIC, Events.intrusion(marker, Events.now(), 119.1220, 36.7015, zone).getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from device_event where msg_id = ?").param(marker)
                .query(Long.class).single() == 1L);
    }

    @Test
    void aDisarmedZoneOnlyLogsIntrusionsAndItsScheduleDecides() throws Exception {
        String wallLine = "{\"type\":\"LineString\",\"coordinates\":[[119.1210,36.7012],[119.1230,36.7012]]}";
        long id = send("POST", "/api/v1/zones", Map.of("code", "T-WALL", "name", "测试围墙", "kind", "perimeter", "areaId", shy(),
                "geometry", JSON.readTree(wallLine), "arming", "disarmed"), 201).path("id").asLong();
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values ('wall-t1', 'perimeter_alarm', 'SN-WALL-T1', '测试围墙报警', ?, st_setsrid(st_makepoint(119.1220, 36.7012), 4326), 'ACTIVE')
                on conflict do nothing""").param(shy()).update();
        MqttClient wall = connectDevice("wall-t1");
        try {
            intrusion(wall, "T-WALL", Events.newMsgId());
            await().atMost(Duration.ofSeconds(5)).until(() -> activity("T-WALL", "INTRUSION", false) == 1);
            assertThat(alarms("T-WALL")).as("disarmed: logged, no alarm").isZero();

            // armed by a schedule window around the present moment (China time) → alarm
            LocalTime now = LocalTime.now(ZoneId.of("Asia/Shanghai"));
            send("PUT", "/api/v1/zones/" + id, Map.of("arming", "schedule", "schedule",
                    List.of(Map.of("from", now.minusHours(1).withNano(0).withSecond(0).toString(), "to", now.plusHours(1).withSecond(0).withNano(0).toString()))), 200);
            intrusion(wall, "T-WALL", Events.newMsgId());
            await().atMost(Duration.ofSeconds(5)).until(() -> alarms("T-WALL") == 1);
            assertThat(activity("T-WALL", "INTRUSION", true)).isEqualTo(1);
            long alarmId = jdbc.sql("select id from alarm where zone_id = 'T-WALL'").query(Long.class).single();
            assertThat(jdbc.sql("select alarm_id from zone_activity where armed and kind = 'INTRUSION' and zone_id = ?").param(id)
                    .query(Long.class).single()).isEqualTo(alarmId);

            // the camera at the south-west corner sees where the climber is: the operator opens it first
            JsonNode cams = getJson("/api/v1/alarms/" + alarmId + "/cameras", "operator");
            assertThat(cams.path("items").valueStream().map(c -> c.path("deviceId").asText())).containsExactly("cam-03");

            // a window that does not include now (across midnight, twelve hours away) → logged only again
            send("PUT", "/api/v1/zones/" + id, Map.of("schedule", List.of(Map.of("from", now.plusHours(11).withSecond(0).withNano(0).toString(),
                    "to", now.plusHours(13).withSecond(0).withNano(0).toString()))), 200);
            intrusion(wall, "T-WALL", Events.newMsgId());
            await().atMost(Duration.ofSeconds(5)).until(() -> activity("T-WALL", "INTRUSION", false) == 2);
            assertThat(alarms("T-WALL")).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from audit_log where entity = 'zone' and entity_id = ?").param(String.valueOf(id))
                    .query(Long.class).single()).isEqualTo(3);
            JsonNode log = getJson("/api/v1/zones/" + id + "/activity", "operator");
            assertThat(log.path("items")).hasSize(3);
            JsonNode listed = getJson("/api/v1/zones", "operator").path("features").valueStream()
                    .filter(f -> f.path("properties").path("code").asText().equals("T-WALL")).findFirst().orElseThrow();
            assertThat(listed.path("properties").path("armedNow").asBoolean()).isFalse();
            assertThat(listed.path("geometry").path("type").asText()).isEqualTo("LineString");
        } finally {
            wall.disconnect();
            wall.close();
        }
    }

    @Test
    void enteringAnArmedRestrictedAreaRaisesAnAlarmForPeopleAndDevicesAndLeavingIsLogged() throws Exception {
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[119.1240,36.7020],[119.1250,36.7020],[119.1250,36.7028],[119.1240,36.7028],[119.1240,36.7020]]]}";
        send("POST", "/api/v1/zones", Map.of("code", "T-POND", "name", "鱼塘", "kind", "restricted", "areaId", shy(),
                "geometry", JSON.readTree(square), "arming", "armed"), 201);
        // a person, from the phone
        http().post().uri("/api/v1/members/me/position").header("Authorization", "Bearer " + token("grid2"))
                .bodyValue(Map.of("lon", 119.1245, "lat", 36.7024)).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).until(() -> alarms("T-POND") == 1);
        assertThat(jdbc.sql("select title from alarm where zone_id = 'T-POND'").query(String.class).single()).isEqualTo("进入禁区：鱼塘（网格员 陈（第二网格））");
        assertThat(jdbc.sql("select count(*) from zone_presence p join zone z on z.id = p.zone_id where z.code = 'T-POND'").query(Long.class).single()).isEqualTo(1);
        // staying inside raises nothing more; leaving is logged
        http().post().uri("/api/v1/members/me/position").header("Authorization", "Bearer " + token("grid2"))
                .bodyValue(Map.of("lon", 119.1246, "lat", 36.7025)).exchange().expectStatus().isOk();
        http().post().uri("/api/v1/members/me/position").header("Authorization", "Bearer " + token("grid2"))
                .bodyValue(Map.of("lon", 119.1290, "lat", 36.7070)).exchange().expectStatus().isOk();
        await().atMost(Duration.ofSeconds(5)).until(() -> activity("T-POND", "EXIT", true) == 1);
        assertThat(alarms("T-POND")).isEqualTo(1);
        assertThat(activity("T-POND", "ENTER", true)).isEqualTo(1);

        // a device nobody carries: patrol terminal 03, over MQTT
        MqttClient terminal = connectDevice("patrol-03");
        String fix = "{\"ts\":\"%s\",\"type\":\"position\",\"lon\":119.1242,\"lat\":36.7022}".formatted(Events.now());
        terminal.publish("cc/v1/devices/patrol-03/telemetry", fix.getBytes(StandardCharsets.UTF_8), 1, false);
        terminal.disconnect();
        terminal.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> alarms("T-POND") == 2);
        assertThat(jdbc.sql("select count(*) from zone_activity a join zone z on z.id = a.zone_id where z.code = 'T-POND' and subject = 'device:patrol-03'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void camerasCoveringAPointComeNearestFirstAndZoneInputIsChecked() {
        JsonNode seen = getJson("/api/v1/cameras/covering?lon=119.1219&lat=36.7013", "operator");
        assertThat(seen.path("items").valueStream().map(c -> c.path("deviceId").asText())).containsExactly("cam-03");
        assertThat(seen.path("items").get(0).path("distanceM").asDouble()).isBetween(30.0, 60.0);
        assertThat(getJson("/api/v1/cameras/covering?lon=119.1210&lat=36.7005", "operator").path("items")).as("behind cam-03").isEmpty();
        assertThat(getJson("/api/v1/cameras/covering?lon=119.1219&lat=36.7013", "operator-kwm").path("items")).as("not their cameras").isEmpty();

        String line = "{\"type\":\"LineString\",\"coordinates\":[[119.1210,36.7012],[119.1230,36.7012]]}";
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[119.12,36.70],[119.13,36.71],[119.13,36.70],[119.12,36.71],[119.12,36.70]]]}";
        assertThat(send("POST", "/api/v1/zones", Map.of("code", "T-BAD", "name", "x", "kind", "restricted", "areaId", shy(),
                "geometry", JSON.readTree(line)), 400).path("errors").get(0).path("field").asText()).isEqualTo("geometry");
        assertThat(send("POST", "/api/v1/zones", Map.of("code", "T-BAD", "name", "x", "kind", "restricted", "areaId", shy(),
                "geometry", JSON.readTree(bowtie)), 400).path("errors").get(0).path("message").asText()).startsWith("is invalid: Self-intersection");
        assertThat(send("POST", "/api/v1/zones", Map.of("code", "T-BAD", "name", "x", "kind", "perimeter", "areaId", shy(),
                "geometry", JSON.readTree(line), "schedule", List.of(Map.of("from", "late", "to", "06:00"))), 400)
                .path("errors").get(0).path("field").asText()).isEqualTo("schedule");
        assertThat(send("POST", "/api/v1/zones", Map.of("code", "SHY-EAST", "name", "x", "kind", "perimeter", "areaId", shy(),
                "geometry", JSON.readTree(line)), 409).path("errors").get(0).path("field").asText()).isEqualTo("code");
        http().post().uri("/api/v1/zones").header("Authorization", "Bearer " + token("patrol1")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", "T-X")).exchange().expectStatus().isForbidden();
        // the demo's walls are there, armed all the time; the power room only at night
        assertThat(getJson("/api/v1/zones", "operator").path("features").valueStream().map(f -> f.path("properties").path("code").asText()))
                .contains("SHY-EAST", "SHY-WEST", "SHY-NORTH", "SHY-SOUTH", "SHY-POWER");
    }
}
