package org.redwhistle.api.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * The police's face watchlist over REST: added and ended by the police of the area, each change audited; the
 * command center and residents refused; the police of another street see none of it and touch none of it.
 */
class FaceWatchlistTest extends IntegrationTest {

    private JsonNode add(String user, Map<String, Object> body, int status) {
        byte[] out = http().post().uri("/api/v1/face-watchlist").header("Authorization", "Bearer " + token(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody()
                .returnResult().getResponseBody();
        return out == null ? null : JSON.readTree(out);
    }

    private int status(String method, String path, String user) {
        return http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user))
                .exchange().returnResult(byte[].class).getStatus().value();
    }

    private long audits(String action, long id) {
        return jdbc.sql("select count(*) from audit_log where action = ? and entity = 'face_watchlist' and entity_id = ?")
                .params(action, String.valueOf(id)).query(Long.class).single();
    }

    @Test
    void thePoliceAddAndEndEntriesOfTheirAreaEachChangeAudited() {
        String person = "WL-T" + Events.newMsgId().substring(0, 6);
        JsonNode e = add("police", Map.of("personId", person, "alias", "王某", "reason", "在逃人员"), 201);
        long id = e.path("id").asLong();
        assertThat(e.path("personId").asText()).isEqualTo(person);
        assertThat(e.path("areaName").asText()).isEqualTo("广文街道");
        assertThat(e.path("statusLabel").asText()).isEqualTo("布控中");
        assertThat(e.path("addedBy").asText()).isEqualTo("police");
        assertThat(audits("face-watchlist.added", id)).isEqualTo(1);

        // the station's leader reads the same list; the same person twice in one area is refused in words
        assertThat(getJson("/api/v1/face-watchlist", "police-leader").path("items").findValuesAsString("personId")).contains(person);
        JsonNode twice = add("police-leader", Map.of("personId", person, "alias", "王某", "reason", "在逃人员"), 409);
        assertThat(twice.path("detail").asText()).contains("已在该辖区的布控名单中");
        JsonNode blank = add("police", Map.of("personId", " ", "alias", "王某", "reason", "在逃人员"), 400);
        assertThat(blank.path("detail").asText()).startsWith("personId");

        JsonNode ended = JSON.readTree(http().delete().uri("/api/v1/face-watchlist/" + id + "?note=已抓获").header("Authorization", "Bearer " + token("police"))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(ended.path("statusLabel").asText()).isEqualTo("已撤控");
        assertThat(ended.path("endNote").asText()).isEqualTo("已抓获");
        assertThat(audits("face-watchlist.ended", id)).isEqualTo(1);
        assertThat(status("DELETE", "/api/v1/face-watchlist/" + id, "police")).isEqualTo(409);
        assertThat(getJson("/api/v1/face-watchlist", "police").path("items").findValuesAsString("personId")).doesNotContain(person);
        assertThat(getJson("/api/v1/face-watchlist?ended=true", "police").path("items").findValuesAsString("personId")).contains(person);
    }

    @Test
    void theCommandCenterResidentsAndAdminsAreRefused() {
        for (String user : new String[] {"operator", "resident", "admin", "leader"}) {
            assertThat(status("GET", "/api/v1/face-watchlist", user)).as(user).isEqualTo(403);
            assertThat(status("GET", "/api/v1/face-passages", user)).as(user).isEqualTo(403);
        }
        add("operator", Map.of("personId", "WL-X", "alias", "某", "reason", "在逃人员"), 403);
        add("resident", Map.of("personId", "WL-X", "alias", "某", "reason", "在逃人员"), 403);
    }

    @Test
    void thePoliceOfAnotherStreetNeitherSeeNorTouchTheEntries() {
        String person = "WL-T" + Events.newMsgId().substring(0, 6);
        long id = add("police", Map.of("personId", person, "alias", "赵某", "reason", "盗窃嫌疑人"), 201).path("id").asLong();
        assertThat(getJson("/api/v1/face-watchlist?ended=true", "police-dongguan").path("items").findValuesAsString("personId")).doesNotContain(person);
        assertThat(status("DELETE", "/api/v1/face-watchlist/" + id, "police-dongguan")).isEqualTo(404);
        // nor put anyone on 广文街道's list
        long guangwen = jdbc.sql("select id from area where code = '370705001'").query(Long.class).single();
        add("police-dongguan", Map.of("personId", person + "B", "alias", "赵某", "reason", "盗窃嫌疑人", "areaId", guangwen), 404);
        assertThat(audits("face-watchlist.ended", id)).isZero();
        http().delete().uri("/api/v1/face-watchlist/" + id).header("Authorization", "Bearer " + token("police")).exchange().expectStatus().isOk();
    }
}
