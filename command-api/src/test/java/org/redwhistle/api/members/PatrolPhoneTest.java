package org.redwhistle.api.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * What the patrol phone restores on opening: the member's own record (duty state, position and its source) and every
 * dispatch still open, with what and where, from {@code GET /api/v1/members/me} and {@code /members/me/offers}. An offer
 * made while no phone was connected is there until it is answered, and one the command center withdraws (the alarm
 * closed) leaves the list for the ended ones, with the reason. Only responders read their own; other roles are refused.
 */
class PatrolPhoneTest extends IntegrationTest {

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null || r.getResponseBody().length == 0 ? null : JSON.readTree(r.getResponseBody());
    }

    private long memberOf(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username).query(Long.class).single();
    }

    private void wall(String id, double lon, double lat) {
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                select ?, 'perimeter_alarm', ?, ?, id, st_setsrid(st_makepoint(?, ?), 4326), 'ACTIVE' from area where code = '370705001001'
                on conflict do nothing""").params(id, "SN-" + id.toUpperCase(), "派警测试北墙 " + id, lon, lat).update();
    }

    private static List<JsonNode> items(JsonNode offers, String list, long alarmId) {
        return offers.path(list).valueStream().filter(o -> o.path("alarmId").asLong() == alarmId).toList();
    }

    @Test
    void anOfferMadeWhileThePhoneIsClosedIsRestoredUntilAnsweredAndAWithdrawnOneEndsWithTheReason() throws Exception {
        long patrol1 = memberOf("patrol1");
        wall("wall-pp1", 119.1290, 36.7088);
        wall("wall-pp2", 119.1296, 36.7087);
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol1")).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        post("patrol1", "/api/v1/members/me/position", Map.of("lon", 119.1280, "lat", 36.7080), 200);
        long first = raiseIntrusion("wall-pp1", "SHY-NORTH", 119.1290, 36.7088);
        long second = raiseIntrusion("wall-pp2", "SHY-NORTH", 119.1296, 36.7087);
        try {
            // dispatched over REST while no phone of patrol1 is connected
            post("operator", "/api/v1/alarms/" + first + "/dispatch", Map.of("memberIds", List.of(patrol1)), 200);

            JsonNode me = getJson("/api/v1/members/me", "patrol1");
            assertThat(me.path("member").path("id").asLong()).isEqualTo(patrol1);
            assertThat(me.path("member").path("state").asText()).isEqualTo("BUSY");
            assertThat(me.path("stateLabel").asText()).isEqualTo("执行任务");
            assertThat(me.path("positionSource").asText()).isEqualTo("phone");
            assertThat(me.path("positionSourceLabel").asText()).isEqualTo("手机定位");
            assertThat(me.path("positionAgeS").asLong()).isBetween(0L, 60L);

            JsonNode offers = getJson("/api/v1/members/me/offers", "patrol1");
            assertThat(items(offers, "items", first)).singleElement().satisfies(o -> {
                assertThat(o.path("stage").asText()).isEqualTo("OFFERED");
                assertThat(o.path("stageLabel").asText()).isEqualTo("待接受");
                assertThat(o.path("typeLabel").asText()).isEqualTo("周界入侵");
                assertThat(o.path("severityLabel").asText()).isEqualTo("严重");
                assertThat(o.path("deviceName").asText()).isEqualTo("派警测试北墙 wall-pp1");
                assertThat(o.path("areas").valueStream().map(JsonNode::asText)).contains("松鹤园社区");
                assertThat(o.path("place").asText()).contains("松鹤园社区");
                assertThat(o.path("lon").asDouble()).isEqualTo(119.1290);
                assertThat(o.path("distanceM").asDouble()).isBetween(100.0, 140.0);
                assertThat(o.path("endedReason").isNull()).isTrue();
            });
            // read again (a reload, a reconnect): the same one offer, once
            assertThat(items(getJson("/api/v1/members/me/offers", "patrol1"), "items", first)).hasSize(1);
            // another member does not see it
            assertThat(items(getJson("/api/v1/members/me/offers", "patrol2"), "items", first)).isEmpty();

            post("patrol1", "/api/v1/alarms/" + first + "/accept", null, 200);
            assertThat(items(getJson("/api/v1/members/me/offers", "patrol1"), "items", first)).singleElement()
                    .satisfies(o -> {
                        assertThat(o.path("stage").asText()).isEqualTo("EN_ROUTE");
                        assertThat(o.path("dispatchStatus").asText()).isEqualTo("ACCEPTED");
                    });

            // a second offer, withdrawn by the command center before it was answered: the alarm was a false alarm
            post("operator", "/api/v1/alarms/" + second + "/dispatch", Map.of("memberIds", List.of(patrol1)), 200);
            assertThat(items(getJson("/api/v1/members/me/offers", "patrol1"), "items", second)).singleElement()
                    .satisfies(o -> assertThat(o.path("stage").asText()).isEqualTo("OFFERED"));
            post("operator", "/api/v1/alarms/" + second + "/false-alarm", Map.of("note", "风吹动树枝"), 200);
            JsonNode after = getJson("/api/v1/members/me/offers", "patrol1");
            assertThat(items(after, "items", second)).isEmpty();
            assertThat(items(after, "ended", second)).singleElement().satisfies(o -> {
                assertThat(o.path("stage").asText()).isEqualTo("ENDED");
                assertThat(o.path("endedReason").asText()).startsWith("派警已撤回：指挥中心判定为误报（");
            });
            assertThat(items(after, "items", first)).hasSize(1);

            // the member resolves the first: it ends as theirs
            post("patrol1", "/api/v1/alarms/" + first + "/resolve", Map.of("note", "迟归住户翻墙，已核实"), 200);
            JsonNode done = getJson("/api/v1/members/me/offers", "patrol1");
            assertThat(items(done, "items", first)).isEmpty();
            assertThat(items(done, "ended", first)).singleElement()
                    .satisfies(o -> assertThat(o.path("endedReason").asText()).isEqualTo("您已办结：迟归住户翻墙，已核实"));
        } finally {
            jdbc.sql("update alarm set status = 'RESOLVED' where id in (?, ?) and status not in ('RESOLVED', 'FALSE_ALARM')").params(first, second).update();
            http().put().uri("/api/v1/members/" + patrol1 + "/state").header("Authorization", "Bearer " + token("operator"))
                    .bodyValue(Map.of("state", "available")).exchange().expectStatus().isOk();
        }
    }

    @Test
    void onlyRespondersReadTheirOwnRecordAndOffers() {
        for (String path : List.of("/api/v1/members/me", "/api/v1/members/me/offers")) {
            for (String refused : List.of("resident", "operator", "leader", "admin")) {
                http().get().uri(path).header("Authorization", "Bearer " + token(refused)).exchange().expectStatus().isForbidden();
            }
            http().get().uri(path).exchange().expectStatus().isUnauthorized();
        }
        // a grid worker of another village without a member record: no record, no offers
        assertThat(jdbc.sql("select count(*) from member m join app_user u on u.id = m.user_id where u.username = 'grid-dongding-1'")
                .query(Long.class).single()).isZero();
        http().get().uri("/api/v1/members/me").header("Authorization", "Bearer " + token("grid-dongding-1")).exchange().expectStatus().isNotFound();
        JsonNode none = getJson("/api/v1/members/me/offers", "grid-dongding-1");
        assertThat(none.path("items")).isEmpty();
        assertThat(none.path("ended")).isEmpty();
    }
}
