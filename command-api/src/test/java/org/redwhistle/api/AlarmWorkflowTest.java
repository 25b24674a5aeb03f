package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.alarms.internal.Realert;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * An alarm's life: proposal of the nearest patrol member and cameras, acknowledge, dispatch with an
 * alert on the member's phone, accept, arrival detected from the position, resolve; re-alert of an
 * unacknowledged alarm; who may do what.
 */
class AlarmWorkflowTest extends IntegrationTest {

    @Autowired
    Realert realert;

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    @Test
    void anAlarmIsDispatchedToTheNearestMemberWhoIsAlertedAcceptsArrivesAndItIsResolved() throws Exception {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id = 'wall-03'").update(); // no repeat of an earlier test's alarm
        long patrol1 = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol1'").query(Long.class).single();
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol1")).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        post("patrol1", "/api/v1/members/me/position", Map.of("lon", 119.1292, "lat", 36.7080), 200);

        try (StompTestClient phone = StompTestClient.open(port)) {
            phone.connect(token("patrol1"));
            phone.subscribe("a", "/user/queue/alerts");
            long id = raiseIntrusion("wall-03", "SHY-NORTH", 119.1290, 36.7088);

            JsonNode proposal = getJson("/api/v1/alarms/" + id + "/proposal", "operator");
            assertThat(proposal.path("members").valueStream().map(m -> m.path("memberId").asLong())).contains(patrol1);
            assertThat(proposal.path("cameras").isArray()).isTrue();

            post("operator-kwm", "/api/v1/alarms/" + id + "/acknowledge", null, 404);
            post("patrol1", "/api/v1/alarms/" + id + "/acknowledge", null, 403);
            assertThat(post("operator", "/api/v1/alarms/" + id + "/acknowledge", null, 200).path("status").asText()).isEqualTo("ACKNOWLEDGED");
            assertThat(post("operator", "/api/v1/alarms/" + id + "/dispatch", Map.of("memberIds", List.of(patrol1), "note", "就近处置"), 200)
                    .path("status").asText()).isEqualTo("DISPATCHED");
            var alert = phone.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"alarmId\":" + id), Duration.ofSeconds(5));
            assertThat(alert).as("the dispatched member's phone is alerted").isNotNull();
            assertThat(JSON.readTree(alert.body()).path("text").asText()).contains("距您").contains("米");
            assertThat(jdbc.sql("select state from member where id = ?").param(patrol1).query(String.class).single()).isEqualTo("BUSY");
            assertThat(jdbc.sql("select reason || ' ' || (detail->'members')::text from audit_log where action = 'alarm.dispatch' and entity_id = ?")
                    .param(String.valueOf(id)).query(String.class).single()).as("the dispatch is audited, naming the member").isEqualTo("派警：平安联盟 孙（物业保安）；就近处置 [" + patrol1 + "]");

            post("patrol2", "/api/v1/alarms/" + id + "/accept", null, 404); // not dispatched to them: as if it did not exist
            post("patrol1", "/api/v1/alarms/" + id + "/accept", null, 200);
            // walking in: within 50 m of the alarm is on scene
            post("patrol1", "/api/v1/members/me/position", Map.of("lon", 119.1290, "lat", 36.7087), 200);
            await().atMost(Duration.ofSeconds(5)).until(() -> "ON_SCENE".equals(jdbc.sql("select status from alarm where id = ?").param(id)
                    .query(String.class).single()));

            post("operator", "/api/v1/alarms/" + id + "/resolve", Map.of(), 400);
            assertThat(post("operator", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "翻墙者为迟归住户，已核实身份"), 200).path("status").asText())
                    .isEqualTo("RESOLVED");
            assertThat(jdbc.sql("select state from member where id = ?").param(patrol1).query(String.class).single()).isEqualTo("AVAILABLE");
            JsonNode timeline = getJson("/api/v1/alarms/" + id + "/timeline", "operator");
            // camera verification runs beside the operators' steps (here: cam-05 covers the wall but is offline)
            assertThat(timeline.path("events").valueStream().map(e -> e.path("action").asText()).filter(a -> !a.startsWith("verify")))
                    .containsExactly("acknowledge", "dispatch", "accept", "arrive", "resolve");
            assertThat(getJson("/api/v1/alarms/" + id, "operator").path("verification").asText()).isEqualTo("NO_CAMERA");
            assertThat(timeline.path("dispatches").get(0).path("status").asText()).isEqualTo("ARRIVED");
            post("operator", "/api/v1/alarms/" + id + "/acknowledge", null, 409);
            // a closed alarm is not dispatched again, and the refusal writes nothing
            post("operator", "/api/v1/alarms/" + id + "/dispatch", Map.of("memberIds", List.of(patrol1)), 409);
            assertThat(jdbc.sql("select state from member where id = ?").param(patrol1).query(String.class).single()).isEqualTo("AVAILABLE");
            assertThat(jdbc.sql("select count(*) from alarm_event where alarm_id = ? and action = 'dispatch'").param(id).query(Long.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("select status from alarm_dispatch where alarm_id = ?").param(id).query(String.class).single()).isEqualTo("ARRIVED");
        }
    }

    @Test
    void anUnacknowledgedAlarmIsReAlertedWithItsSeverityRaised() throws Exception {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id = 'wall-01'").update();
        long id = raiseIntrusion("wall-01", "SHY-EAST", 119.1318, 36.7060);
        assertThat(getJson("/api/v1/alarms/" + id, "operator").path("severity").asText()).isEqualTo("HIGH");
        // other tests' alarms may be due already; this one is not
        realert.realert(Instant.now());
        assertThat(getJson("/api/v1/alarms/" + id, "operator").path("severity").asText()).as("not yet").isEqualTo("HIGH");
        realert.realert(Instant.now().plus(Duration.ofMinutes(6)));
        assertThat(getJson("/api/v1/alarms/" + id, "operator").path("severity").asText()).isEqualTo("CRITICAL");
        assertThat(getJson("/api/v1/alarms/" + id + "/timeline", "operator").path("events").valueStream().map(e -> e.path("action").asText())
                .filter(a -> !a.startsWith("verify"))).containsExactly("realert");
        post("operator", "/api/v1/alarms/" + id + "/false-alarm", Map.of("note", "风吹动树枝触发"), 200);
        // other alarms (a terminal another test left silent) may be re-alerted too; this one, closed, must not be
        realert.realert(Instant.now().plus(Duration.ofMinutes(30)));
        assertThat(jdbc.sql("select realerts from alarm where id = ?").param(id).query(Integer.class).single()).as("closed alarms are not re-alerted")
                .isEqualTo(1);
    }

    private long alarmsOf(String type) {
        return jdbc.sql("select count(*) from alarm where type = ?").param(type).query(Long.class).single();
    }

    @Test
    void watchedPlatesDeniedPassagesAndPeopleInArmedRestrictedAreasRaiseAlarms() throws Exception {
        post("operator", "/api/v1/watchlist", Map.of("plate", "鲁G 88888", "reason", "涉案车辆"), 200);
        post("resident", "/api/v1/watchlist", Map.of("plate", "鲁G00000", "reason", "x"), 403);
        MqttClient gate = connectDevice("gate-02");
        gate.publish("cc/v1/devices/gate-02/events", ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"gate.passage\",\"direction\":\"in\",\"plate\":\"鲁G88888\",\"result\":\"granted\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        gate.publish("cc/v1/devices/gate-02/events", ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"gate.passage\",\"direction\":\"in\",\"credentialId\":\"card-7\",\"result\":\"denied\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        gate.disconnect();
        gate.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> alarmsOf("gate.watchlist") >= 1 && alarmsOf("gate.denied") >= 1);
        assertThat(jdbc.sql("select title from alarm where type = 'gate.watchlist' order by id desc limit 1").query(String.class).single())
                .isEqualTo("布控车牌通行：鲁G88888（涉案车辆）");

        // a person seen by a camera inside an armed restricted area
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        post("operator", "/api/v1/zones", Map.of("code", "T-DEPOT", "name", "物资仓库", "kind", "restricted", "areaId", shy, "arming", "armed",
                "geometry", JSON.readTree("{\"type\":\"Polygon\",\"coordinates\":[[[119.1216,36.7011],[119.1226,36.7011],[119.1226,36.7018],[119.1216,36.7018],[119.1216,36.7011]]]}")),
                201);
        MqttClient cam = connectDevice("cam-03");
        cam.publish("cc/v1/devices/cam-03/events", ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"camera.person\",\"lon\":119.1300,\"lat\":36.7030,\"score\":0.9}").getBytes(StandardCharsets.UTF_8), 1, false);
        cam.publish("cc/v1/devices/cam-03/events", ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"camera.person\",\"lon\":119.1220,\"lat\":36.7014,\"score\":0.9}").getBytes(StandardCharsets.UTF_8), 1, false);
        cam.disconnect();
        cam.close();
        // only the person inside the depot; counted by zone, since other tests' cameras may see people in the demo's power room,
        // which is armed from 22:00 to 06:00
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where type = 'camera.person.restricted' and zone_id = 'T-DEPOT'")
                .query(Long.class).single() == 1);
    }

    @Test
    void anSosIsDispatchedAtOnceAndAnAlarmTheCenterCannotCloseBecomesACase() throws Exception {
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol2")).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        post("patrol2", "/api/v1/members/me/position", Map.of("lon", 119.1241, "lat", 36.7031), 200);
        MqttClient terminal = connectDevice("patrol-03");
        String msgId = Events.newMsgId();
        terminal.publish("cc/v1/devices/patrol-03/events", ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"patrol.sos\",\"lon\":119.1240,\"lat\":36.7030}").getBytes(StandardCharsets.UTF_8), 1, false);
        terminal.disconnect();
        terminal.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where event_msg_id = ? and status = 'DISPATCHED'")
                .param(msgId).query(Long.class).single() == 1);
        long sos = jdbc.sql("select id from alarm where event_msg_id = ?").param(msgId).query(Long.class).single();
        assertThat(getJson("/api/v1/alarms/" + sos + "/timeline", "operator").path("dispatches")).isNotEmpty();
        assertThat(getJson("/api/v1/alarms/" + sos + "/timeline", "operator").path("events").get(0).path("actor").asText()).isEqualTo("system");

        post("operator", "/api/v1/alarms/" + sos + "/to-case", Map.of(), 400);
        JsonNode closed = post("operator", "/api/v1/alarms/" + sos + "/to-case", Map.of("note", "需物业更换围栏，转社区跟进"), 200);
        assertThat(closed.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("select channel from case_file where alarm_id = ?").param(sos).query(String.class).single()).isEqualTo("ALARM");
    }
}
