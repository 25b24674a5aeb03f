package org.redwhistle.api.alarms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * A face watchlist hit is the police's (AlarmAudience): so are the responders sent to it. The proposal and an
 * unnamed dispatch consider only the police, naming a patrol member is refused, a patrol phone never reads the
 * watched person's alias or reason, and the case made from it says neither.
 */
class FaceAlarmDispatchTest extends IntegrationTest {

    private static final String TITLE = "人脸布控人员通行：张测试（盗窃嫌疑人）";

    private JsonNode call(String method, String user, String path, Object body, int status) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user))
                .contentType(MediaType.APPLICATION_JSON);
        var r = (body == null ? spec : spec.bodyValue(body)).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null || r.getResponseBody().length == 0 ? null : JSON.readTree(r.getResponseBody());
    }

    private long memberOf(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username).query(Long.class).single();
    }

    private void onDutyAt(String username, double lon, double lat) {
        call("PUT", username, "/api/v1/members/me/state", Map.of("state", "AVAILABLE"), 200);
        call("POST", username, "/api/v1/members/me/position", Map.of("lon", lon, "lat", lat), 200);
    }

    @Test
    void onlyThePoliceAreSentAndNeitherPhonesNorCasesCarryTheAlias() {
        String gate = "face-fad" + System.nanoTime() % 100000;
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values (?, 'face_gate', ?, '派警测试路口人脸识别', (select id from area where code = '370705001001'), st_setsrid(st_makepoint(119.1285, 36.7085), 4326), 'ACTIVE')""")
                .params(gate, "SN-" + gate).update();
        long alarm = jdbc.sql("""
                insert into alarm (type, severity, status, title, device_id, zone_id, area_path, location, first_seen_at, last_seen_at)
                select 'face.watchlist', 'HIGH', 'NEW', ?, ?, 'WL-TEST', a.path, st_setsrid(st_makepoint(119.1285, 36.7085), 4326), now(), now()
                from area a where a.code = '370705001001' returning id""").params(TITLE, gate).query(Long.class).single();
        long police = memberOf("police");
        long patrol2 = memberOf("patrol2");
        String policeWas = jdbc.sql("select state from member where id = ?").param(police).query(String.class).single();
        String patrolWas = jdbc.sql("select state from member where id = ?").param(patrol2).query(String.class).single();
        onDutyAt("police", 119.1262, 36.7040);
        onDutyAt("patrol2", 119.1284, 36.7084);
        try {
            // the proposal: the police only, though a patrol member stands next to the crossing
            JsonNode proposal = call("GET", "police", "/api/v1/alarms/" + alarm + "/proposal", null, 200);
            assertThat(proposal.path("members").findValuesAsString("role")).isNotEmpty().containsOnly("POLICE");
            assertThat(proposal.path("members").valueStream().map(m -> m.path("memberId").asLong())).contains(police).doesNotContain(patrol2);

            // naming the patrol member is refused in words
            JsonNode refused = call("POST", "police", "/api/v1/alarms/" + alarm + "/dispatch", Map.of("memberIds", List.of(patrol2)), 409);
            assertThat(refused.path("detail").asText()).isEqualTo("人脸布控告警只能派给民警");
            assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("memberIds");
            assertThat(jdbc.sql("select state from member where id = ?").param(patrol2).query(String.class).single()).isEqualTo("AVAILABLE");

            // an unnamed dispatch sends the police only
            JsonNode dispatched = call("POST", "police", "/api/v1/alarms/" + alarm + "/dispatch", Map.of(), 200);
            assertThat(dispatched.path("responders").findValuesAsString("role")).isNotEmpty().containsOnly("POLICE");
            assertThat(dispatched.path("responders").valueStream().map(r -> r.path("memberId").asLong())).contains(police);
            // the police officer's phone shows the alarm as it is
            JsonNode mine = call("GET", "police", "/api/v1/members/me/offers", null, 200).path("items").valueStream()
                    .filter(o -> o.path("alarmId").asLong() == alarm).findFirst().orElseThrow();
            assertThat(mine.path("title").asText()).isEqualTo(TITLE);

            // a patrol member's dispatch to it (one made before this rule): the card names neither the person nor the reason
            jdbc.sql("insert into alarm_dispatch (alarm_id, member_id, status, offered_at) values (?, ?, 'OFFERED', now())").params(alarm, patrol2).update();
            JsonNode card = call("GET", "patrol2", "/api/v1/members/me/offers", null, 200).path("items").valueStream()
                    .filter(o -> o.path("alarmId").asLong() == alarm).findFirst().orElseThrow();
            assertThat(card.path("title").asText()).isEqualTo("人脸布控告警");
            assertThat(card.path("typeLabel").asText()).isEqualTo("人脸布控告警");
            assertThat(card.toString()).doesNotContain("张测试").doesNotContain("盗窃嫌疑人");
            jdbc.sql("delete from alarm_dispatch where alarm_id = ? and member_id = ?").params(alarm, patrol2).update();

            // the case made from it: a neutral text with the place and time
            call("POST", "police", "/api/v1/alarms/" + alarm + "/to-case", Map.of("note", "请街道复核路口照明"), 200);
            String text = jdbc.sql("select description from case_file where alarm_id = ?").param(alarm).query(String.class).single();
            assertThat(text).startsWith("人脸布控告警转办（派警测试路口人脸识别，").endsWith("）：请街道复核路口照明").doesNotContain("张测试").doesNotContain("盗窃嫌疑人");
            assertThat(text).matches(".*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*");
        } finally {
            if (jdbc.sql("select status from alarm where id = ?").param(alarm).query(String.class).single().matches("NEW|ACKNOWLEDGED|DISPATCHED|ON_SCENE")) {
                jdbc.sql("update alarm set status = 'RESOLVED' where id = ?").param(alarm).update();
                jdbc.sql("update member set state = 'AVAILABLE' where id in (select member_id from alarm_dispatch where alarm_id = ?) and state = 'BUSY'")
                        .param(alarm).update();
            }
            // as they were before this test (other tests share the demo's members)
            call("PUT", "patrol2", "/api/v1/members/me/state", Map.of("state", patrolWas), 200);
            call("PUT", "police", "/api/v1/members/me/state", Map.of("state", policeWas), 200);
        }
    }
}
