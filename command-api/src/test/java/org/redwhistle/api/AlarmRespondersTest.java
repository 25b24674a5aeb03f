package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Who is sent to an alarm, as the command center sees it: the street's community police officer in
 * the community operator's proposal (their area is the street, the operator's the community), the
 * dispatch named in words, and each responder's state (sent, accepted, declined with a reason,
 * arrived, resolved) in the alarm's view and timeline.
 */
class AlarmRespondersTest extends IntegrationTest {

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null || r.getResponseBody().length == 0 ? null : JSON.readTree(r.getResponseBody());
    }

    private long memberOf(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username).query(Long.class).single();
    }

    private void onDutyAt(String username, double lon, double lat) {
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token(username)).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        post(username, "/api/v1/members/me/position", Map.of("lon", lon, "lat", lat), 200);
    }

    private static JsonNode responder(JsonNode alarm, long memberId) {
        return alarm.path("responders").valueStream().filter(r -> r.path("memberId").asLong() == memberId).findFirst().orElseThrow();
    }

    @Test
    void theStreetPoliceAreProposedToTheCommunityOperatorAndEachResponderIsFollowedByName() throws Exception {
        // a wall of this test's own on the north side of 松鹤园社区
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                select 'wall-rsp', 'perimeter_alarm', 'SN-WALL-RSP', '派警测试北墙', id, st_setsrid(st_makepoint(119.1290, 36.7088), 4326), 'ACTIVE'
                  from area where code = '370705001001'
                on conflict do nothing""").update();
        long police = memberOf("police");
        long patrol2 = memberOf("patrol2");
        // the demo's community police officer: the street's (广文街道), about 550 m south of the wall
        onDutyAt("police", 119.1262, 36.7040);
        onDutyAt("patrol2", 119.1280, 36.7080);
        long id = raiseIntrusion("wall-rsp", "SHY-NORTH", 119.1290, 36.7088);

        JsonNode proposal = getJson("/api/v1/alarms/" + id + "/proposal", "operator");
        JsonNode proposedPolice = proposal.path("members").valueStream().filter(m -> m.path("memberId").asLong() == police).findFirst()
                .orElseThrow(() -> new AssertionError("the street's police officer is in the community operator's proposal: " + proposal));
        assertThat(proposedPolice.path("name").asText()).isEqualTo("社区民警 吴");
        assertThat(proposedPolice.path("roleLabel").asText()).isEqualTo("民警");
        assertThat(proposedPolice.path("affiliation").asText()).isEqualTo("广文街道派出所");
        assertThat(proposedPolice.path("distanceM").asLong()).isBetween(400L, 700L);
        // the same officer for the street's operator and the leader: whoever asks
        for (String asker : List.of("operator-street", "leader", "police")) {
            assertThat(getJson("/api/v1/alarms/" + id + "/proposal", asker).path("members").valueStream().map(m -> m.path("memberId").asLong()))
                    .as(asker).contains(police);
        }
        // the proposal is the command center's: a patrol member and a resident are refused it
        http().get().uri("/api/v1/alarms/" + id + "/proposal").header("Authorization", "Bearer " + token("patrol1")).exchange().expectStatus().isForbidden();
        http().get().uri("/api/v1/alarms/" + id + "/proposal").header("Authorization", "Bearer " + token("resident")).exchange().expectStatus().isForbidden();
        // and another community's operator does not reach the alarm at all
        http().get().uri("/api/v1/alarms/" + id + "/proposal").header("Authorization", "Bearer " + token("operator-kwm")).exchange().expectStatus().isNotFound();

        try {
            JsonNode dispatched = post("operator", "/api/v1/alarms/" + id + "/dispatch", Map.of("memberIds", List.of(patrol2, police), "note", "请民警协同"), 200);
            assertThat(dispatched.path("status").asText()).isEqualTo("DISPATCHED");
            assertThat(responder(dispatched, police).path("stateLabel").asText()).isEqualTo("已派出");
            assertThat(responder(dispatched, patrol2).path("name").asText()).isEqualTo("平安联盟 周（出租车司机）");

            String text = "派警：平安联盟 周（出租车司机）、社区民警 吴（广文街道派出所）；请民警协同";
            JsonNode timeline = getJson("/api/v1/alarms/" + id + "/timeline", "operator");
            JsonNode dispatchStep = timeline.path("events").valueStream().filter(e -> e.path("action").asText().equals("dispatch")).findFirst().orElseThrow();
            assertThat(dispatchStep.path("note").asText()).as("the dispatch names the members, not their ids").isEqualTo(text);
            assertThat(dispatchStep.path("actionLabel").asText()).isEqualTo("派警");
            assertThat(dispatchStep.path("statusLabel").asText()).isEqualTo("已派警");
            assertThat(dispatchStep.path("actorName").asText()).isEqualTo("松鹤园社区指挥员 李");
            assertThat(jdbc.sql("select reason from audit_log where action = 'alarm.dispatch' and entity_id = ?").param(String.valueOf(id))
                    .query(String.class).single()).as("the audit note names them too").isEqualTo(text);

            // the police officer accepts, the patrol member declines with a reason: the board's view follows
            post("police", "/api/v1/alarms/" + id + "/accept", null, 200);
            JsonNode declined = post("patrol2", "/api/v1/alarms/" + id + "/decline", Map.of("note", "正在处理另一起纠纷"), 200);
            assertThat(responder(declined, police).path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(responder(declined, police).path("stateLabel").asText()).isEqualTo("已接受");
            assertThat(responder(declined, police).path("answeredAt").isNull()).isFalse();
            assertThat(responder(declined, patrol2).path("stateLabel").asText()).isEqualTo("已拒绝（正在处理另一起纠纷）");
            assertThat(responder(declined, patrol2).path("declineReason").asText()).isEqualTo("正在处理另一起纠纷");
            assertThat(jdbc.sql("select state from member where id = ?").param(patrol2).query(String.class).single()).isEqualTo("AVAILABLE");

            post("police", "/api/v1/members/me/position", Map.of("lon", 119.1290, "lat", 36.7087), 200);
            await().atMost(Duration.ofSeconds(5)).until(() -> "已到达".equals(responder(getJson("/api/v1/alarms/" + id, "operator"), police)
                    .path("stateLabel").asText()));
            assertThat(getJson("/api/v1/alarms/" + id, "operator").path("status").asText()).isEqualTo("ON_SCENE");

            JsonNode resolved = post("operator", "/api/v1/alarms/" + id + "/resolve", Map.of("note", "民警到场核实，系住户翻墙取物"), 200);
            assertThat(responder(resolved, police).path("stateLabel").asText()).isEqualTo("已处置");
            assertThat(responder(resolved, police).path("resolvedAt").isNull()).isFalse();
            assertThat(responder(resolved, patrol2).path("stateLabel").asText()).as("a member who declined did not resolve it")
                    .isEqualTo("已拒绝（正在处理另一起纠纷）");

            JsonNode steps = getJson("/api/v1/alarms/" + id + "/timeline", "operator").path("events");
            assertThat(steps.valueStream().filter(e -> !e.path("action").asText().startsWith("verify")).map(e -> e.path("actionLabel").asText()))
                    .containsExactly("派警", "接受派警", "拒绝派警", "到达现场", "处置完毕");
            assertThat(steps.valueStream().filter(e -> e.path("action").asText().equals("decline")).findFirst().orElseThrow().path("note").asText())
                    .isEqualTo("正在处理另一起纠纷");
            assertThat(steps.valueStream().filter(e -> e.path("action").asText().equals("arrive")).findFirst().orElseThrow().path("actorName").asText())
                    .isEqualTo("社区民警 吴");
            assertThat(getJson("/api/v1/alarms/" + id + "/timeline", "operator").path("dispatches").size()).isEqualTo(2);
        } finally {
            if (!List.of("RESOLVED", "FALSE_ALARM").contains(jdbc.sql("select status from alarm where id = ?").param(id).query(String.class).single())) {
                resolveAlarm(id, "测试结束");
            }
        }
    }
}
