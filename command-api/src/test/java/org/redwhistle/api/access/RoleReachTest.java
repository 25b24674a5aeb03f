package org.redwhistle.api.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * Issue 16's findings 1 and 2: each role reaches exactly its part. Residents and integrators see
 * none of the operational picture; a patrol member sees and closes only what they were sent to,
 * and replays only their own track; integrators see the pictures and dead letters of their own
 * devices only.
 */
class RoleReachTest extends IntegrationTest {

    private int status(String method, String user, String path, Object body) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user));
        var ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchange().expectBody().returnResult().getStatus().value();
    }

    private long raise(String device, String zone, double lon, double lat) throws Exception {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id = ?").param(device).update(); // a new alarm, not a repeat
        MqttClient d = connectDevice(device);
        String msgId = Events.newMsgId();
        d.publish("cc/v1/devices/" + device + "/events", Events.intrusion(msgId, Events.now(), lon, lat, zone).getBytes(StandardCharsets.UTF_8), 1, false);
        d.disconnect();
        d.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where event_msg_id = ?").param(msgId)
                .query(Long.class).single() == 1);
        return jdbc.sql("select id from alarm where event_msg_id = ?").param(msgId).query(Long.class).single();
    }

    private long memberOf(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username)
                .query(Long.class).single();
    }

    @Test
    void residentsAndIntegratorsCannotCloseAlarmsNorSeeTheOperationalPicture() throws Exception {
        long id = raise("wall-02", "SHY-WEST", 119.1202, 36.7060);
        assertThat(status("POST", "resident", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "x"))).isEqualTo(403);
        assertThat(status("POST", "integrator", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "x"))).isEqualTo(403);
        assertThat(status("POST", "department", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "x"))).isEqualTo(403);
        assertThat(status("POST", "grid1", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "x"))).as("not dispatched to them").isEqualTo(404);
        assertThat(jdbc.sql("select status from alarm where id = ?").param(id).query(String.class).single()).isEqualTo("NEW");

        List<String> operational = List.of("/api/v1/members", "/api/v1/members/nearby?lon=119.125&lat=36.704", "/api/v1/tracks/patrol1",
                "/api/v1/alarms", "/api/v1/alarms/" + id, "/api/v1/alarms/" + id + "/proposal", "/api/v1/alarms/" + id + "/timeline",
                "/api/v1/zones", "/api/v1/tours", "/api/v1/leads", "/api/v1/watchlist", "/api/v1/cameras/covering?lon=119.125&lat=36.704");
        for (String path : operational) {
            assertThat(status("GET", "resident", path, null)).as("resident GET %s", path).isEqualTo(403);
            assertThat(status("GET", "integrator", path, null)).as("integrator GET %s", path).isEqualTo(403);
        }
        for (String path : List.of("/api/v1/devices", "/api/v1/dead-letters", "/api/v1/snapshots", "/api/v1/stats/cases", "/api/v1/supervision")) {
            assertThat(status("GET", "resident", path, null)).as("resident GET %s", path).isEqualTo(403);
        }
        // the integrator's own devices only: the demo village's were registered by the district, not through their keys
        assertThat(getJson("/api/v1/devices", "integrator").path("items").valueStream().map(d -> d.path("id").asText())).doesNotContain("wall-02");
        assertThat(status("GET", "integrator", "/api/v1/devices/wall-02", null)).isEqualTo(404);
        // what a resident does see: their own requests
        assertThat(status("GET", "resident", "/api/v1/cases", null)).isEqualTo(200);
        JsonNode me = getJson("/api/v1/me", "resident");
        assertThat(me.path("roleLabel").asText()).isEqualTo("居民");
        assertThat(me.path("permissions").valueStream().map(p -> p.path("permission").asText())).contains("cases.file", "cases.read")
                .doesNotContain("alarms.read", "members.read", "live.alarms");
        assertThat(status("POST", "operator", "/api/v1/alarms/" + id + "/false-alarm", Map.of("note", "测试结束"))).isEqualTo(200);
    }

    @Test
    void aPatrolMemberSeesAndClosesOnlyTheAlarmsDispatchedToThem() throws Exception {
        long id = raise("wall-02", "SHY-WEST", 119.1202, 36.7060);
        long patrol2 = memberOf("patrol2");
        assertThat(status("POST", "operator", "/api/v1/alarms/" + id + "/dispatch", Map.of("memberIds", List.of(patrol2), "note", "只派周"))).isEqualTo(200);

        // patrol1 was not sent: as if the alarm did not exist
        assertThat(getJson("/api/v1/alarms", "patrol1").path("items").valueStream().map(a -> a.path("id").asLong())).doesNotContain(id);
        assertThat(status("GET", "patrol1", "/api/v1/alarms/" + id, null)).isEqualTo(404);
        assertThat(status("POST", "patrol1", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "x"))).isEqualTo(404);
        assertThat(status("POST", "patrol1", "/api/v1/alarms/" + id + "/accept", null)).isEqualTo(404);
        assertThat(status("POST", "patrol1", "/api/v1/alarms/" + id + "/acknowledge", null)).isEqualTo(403);
        assertThat(status("GET", "patrol1", "/api/v1/alarms/" + id + "/proposal", null)).isEqualTo(403);

        // patrol2 sees it, and closes it only once they took it on
        assertThat(getJson("/api/v1/alarms", "patrol2").path("items").valueStream().map(a -> a.path("id").asLong())).contains(id);
        assertThat(getJson("/api/v1/alarms/" + id, "patrol2").path("id").asLong()).isEqualTo(id);
        assertThat(status("POST", "patrol2", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "x"))).as("offered, not accepted").isEqualTo(404);
        assertThat(status("POST", "patrol2", "/api/v1/alarms/" + id + "/accept", null)).isEqualTo(200);
        assertThat(status("POST", "patrol2", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "现场查看，系野猫触发"))).isEqualTo(200);
        assertThat(jdbc.sql("select status from alarm where id = ?").param(id).query(String.class).single()).isEqualTo("RESOLVED");
        assertThat(jdbc.sql("select actor from audit_log where action = 'alarm.resolve' and entity_id = ?").param(String.valueOf(id))
                .query(String.class).single()).isEqualTo("patrol2");
    }

    @Test
    void aResponderReplaysOnlyTheirOwnTrackWhileTheCommandCenterReplaysAnyoneInItsArea() {
        assertThat(status("GET", "patrol1", "/api/v1/tracks/patrol2", null)).isEqualTo(404);
        assertThat(status("GET", "patrol1", "/api/v1/tracks/" + memberOf("patrol2"), null)).isEqualTo(404);
        assertThat(status("GET", "patrol1", "/api/v1/tracks/patrol-02", null)).as("another member's terminal").isEqualTo(404);
        assertThat(getJson("/api/v1/tracks/patrol1", "patrol1").path("properties").path("members").get(0).asLong()).isEqualTo(memberOf("patrol1"));
        assertThat(status("GET", "operator", "/api/v1/tracks/patrol2", null)).isEqualTo(200);
        assertThat(status("GET", "operator-kwm", "/api/v1/tracks/patrol2", null)).as("another community's member").isEqualTo(404);
    }

    @Test
    void anIntegratorSeesDeadLettersOnlyOfItsOwnDevices() throws Exception {
        MqttClient wall = connectDevice("wall-03");
        wall.publish("cc/v1/devices/wall-03/events", "{\"msgId\":\"reach-1\",\"type\":\"perimeter.intrusion\"".getBytes(StandardCharsets.UTF_8), 1, false);
        wall.disconnect();
        wall.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> getJson("/api/v1/dead-letters?deviceId=wall-03", "operator").path("items").size() > 0);
        assertThat(getJson("/api/v1/dead-letters?deviceId=wall-03", "integrator").path("items").size()).isZero();
        assertThat(getJson("/api/v1/dead-letters", "integrator").path("items").valueStream().map(d -> d.path("deviceId").asText()))
                .doesNotContain("wall-03", "wall-01", "cam-04");
    }
}
