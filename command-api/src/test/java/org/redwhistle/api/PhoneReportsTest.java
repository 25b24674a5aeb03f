package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** A patrol member's SOS and leads from the phone. */
class PhoneReportsTest extends IntegrationTest {

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    @Test
    void anSosRaisesACriticalAlarmDispatchedToSomeoneElse() {
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol2")).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        post("patrol2", "/api/v1/members/me/position", Map.of("lon", 119.1251, "lat", 36.7051), 200);
        long alarmId = post("patrol1", "/api/v1/members/me/sos", Map.of("lon", 119.1250, "lat", 36.7050, "text", "遭遇可疑人员"), 200)
                .path("alarmId").asLong();
        JsonNode alarm = getJson("/api/v1/alarms/" + alarmId, "operator");
        assertThat(alarm.path("type").asText()).isEqualTo("patrol.sos");
        assertThat(alarm.path("severity").asText()).isEqualTo("CRITICAL");
        long patrol1 = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol1'").query(Long.class).single();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                getJson("/api/v1/alarms/" + alarmId + "/timeline", "operator").path("dispatches")).isNotEmpty());
        assertThat(getJson("/api/v1/alarms/" + alarmId + "/timeline", "operator").path("dispatches").valueStream()
                .map(d -> d.path("memberId").asLong())).as("not to the member in trouble").doesNotContain(patrol1);
        post("operator", "/api/v1/alarms/" + alarmId + "/resolve", Map.of("note", "已处置"), 200);
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol1")).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        post("resident", "/api/v1/members/me/sos", Map.of("lon", 119.1250, "lat", 36.7050), 403); // residents hold no members.duty
    }

    @Test
    void leadsReachPoliceAndTheCommandCenterOfTheirArea() {
        long id = post("patrol1", "/api/v1/members/me/leads", Map.of("lon", 119.1240, "lat", 36.7040, "text", "一辆无牌面包车多次在小区周边徘徊",
                "photoUrl", "https://example.invalid/van.jpg"), 200).path("leadId").asLong();
        assertThat(getJson("/api/v1/leads", "operator").path("items").valueStream().map(l -> l.path("id").asLong())).contains(id);
        assertThat(getJson("/api/v1/leads", "police").path("items").valueStream().map(l -> l.path("id").asLong())).contains(id);
        assertThat(getJson("/api/v1/leads", "operator-kwm").path("items").valueStream().map(l -> l.path("id").asLong())).doesNotContain(id);
        http().get().uri("/api/v1/leads").header("Authorization", "Bearer " + token("resident")).exchange().expectStatus().isForbidden();
        post("patrol1", "/api/v1/members/me/leads", Map.of("lon", 119.1240, "lat", 36.7040, "text", ""), 400);
        post("patrol1", "/api/v1/members/me/leads", Map.of("lon", 119.1240, "lat", 36.7040, "text", "x", "photoUrl", "file:///etc/passwd"), 400);
    }
}
