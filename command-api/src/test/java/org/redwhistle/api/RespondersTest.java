package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * Nearest responders: live from the in-memory index (distances checked against PostGIS geography),
 * fed by phone fixes in any coordinate system and by patrol terminals over MQTT; duty states;
 * history from PostGIS; scoping and bad parameters.
 */
class RespondersTest extends IntegrationTest {

    private static final double LON = 119.1262, LAT = 36.7045; // 松鹤园社区, between its grids

    private JsonNode nearby(String user, String query) {
        return getJson("/api/v1/members/nearby?lon=" + LON + "&lat=" + LAT + query, user);
    }

    private long memberId(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username).query(Long.class).single();
    }

    private void post(String user, String path, Object body, int status) {
        http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange().expectStatus().isEqualTo(status);
    }

    private void put(String user, String path, Object body, int status) {
        http().put().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange().expectStatus().isEqualTo(status);
    }

    @Test
    void theNearestAvailableRespondersComeFirstWithGeodesicDistancesMatchingPostgis() {
        // the street's operator sees the street's police officer as well as the community's members
        JsonNode r = nearby("operator-street", "&radiusM=2000&limit=10");
        assertThat(r.path("source").asText()).isEqualTo("live");
        List<JsonNode> items = r.path("items").valueStream().toList();
        assertThat(items).extracting(i -> i.path("name").asText()).contains("社区民警 吴", "网格员 刘（第一网格）", "网格员 陈（第二网格）");
        double previous = -1;
        for (JsonNode i : items) {
            assertThat(i.path("state").asText()).isEqualTo("AVAILABLE");
            double expected = jdbc.sql("select st_distance(location::geography, st_setsrid(st_makepoint(?, ?), 4326)::geography) from member where id = ?")
                    .params(LON, LAT, i.path("memberId").asLong()).query(Double.class).single();
            assertThat(i.path("distanceM").asDouble()).as(i.path("name").asText()).isCloseTo(expected, within(0.06));
            assertThat(i.path("distanceM").asDouble()).isGreaterThanOrEqualTo(previous);
            previous = i.path("distanceM").asDouble();
        }
        assertThat(nearby("operator", "&radiusM=2000&limit=1&role=grid_worker").path("items")).singleElement()
                .satisfies(i -> assertThat(i.path("role").asText()).isEqualTo("GRID_WORKER"));
        assertThat(nearby("operator", "&radiusM=10").path("items")).isEmpty();
        // the community's operator does not see the street-level police officer
        assertThat(nearby("operator", "&radiusM=2000&limit=10").path("items").valueStream().map(i -> i.path("name").asText()))
                .doesNotContain("社区民警 吴");
    }

    @Test
    void aPhoneFixInGcj02PlacesTheMemberAndAnswersComeBackInTheAskedSystem() {
        ChineseCoordinates.LonLat gcj = ChineseCoordinates.wgs84ToGcj02(119.1250, 36.7050);
        post("patrol1", "/api/v1/members/me/position", Map.of("lon", gcj.lon(), "lat", gcj.lat(), "crs", "gcj02", "accuracyM", 8), 200);
        assertThat(jdbc.sql("select st_x(location) from member where id = ?").param(memberId("patrol1")).query(Double.class).single())
                .isCloseTo(119.1250, within(1e-7));
        JsonNode r = nearby("operator", "&radiusM=3000&limit=10&crs=wgs84");
        JsonNode me = r.path("items").valueStream().filter(i -> i.path("name").asText().startsWith("平安联盟 孙")).findFirst().orElseThrow();
        assertThat(me.path("lon").asDouble()).isCloseTo(119.1250, within(1e-7));
        // asked in GCJ-02 (e.g. by a WeChat page), positions come back in GCJ-02
        ChineseCoordinates.LonLat askGcj = ChineseCoordinates.wgs84ToGcj02(LON, LAT);
        JsonNode g = getJson("/api/v1/members/nearby?lon=" + askGcj.lon() + "&lat=" + askGcj.lat() + "&crs=gcj02&radiusM=3000&limit=10", "operator");
        JsonNode meG = g.path("items").valueStream().filter(i -> i.path("memberId").asLong() == me.path("memberId").asLong()).findFirst().orElseThrow();
        assertThat(meG.path("lon").asDouble()).isCloseTo(gcj.lon(), within(1e-7));
        assertThat(meG.path("distanceM").asDouble()).isCloseTo(me.path("distanceM").asDouble(), within(0.1));
        // the phone fix is part of the member's track replay, by member id
        JsonNode track = getJson("/api/v1/tracks/" + memberId("patrol1") + "?from=" + Instant.now().minusSeconds(120), "operator");
        assertThat(track.path("properties").path("sources").valueStream().map(JsonNode::asText)).contains("phone");
        // an operator is no responder: the policy refuses; a responder role without a member record gets 404
        post("operator", "/api/v1/members/me/position", Map.of("lon", 119.12, "lat", 36.70), 403);
        post("patrol1", "/api/v1/members/me/position", Map.of("lon", 119.12, "lat", 96.70), 400);
        post("patrol1", "/api/v1/members/me/position", Map.of("lon", 119.12, "lat", 36.70, "ts", OffsetDateTime.now().plusHours(1).toString()), 400);
    }

    @Test
    void busyRespondersAreLeftOutUnlessAskedForAndStateChangesAreAudited() {
        long grid1 = memberId("grid1");
        try {
            put("grid1", "/api/v1/members/me/state", Map.of("state", "busy"), 200);
            assertThat(nearby("operator", "&radiusM=2000&limit=10").path("items").valueStream().map(i -> i.path("memberId").asLong())).doesNotContain(grid1);
            assertThat(nearby("operator", "&radiusM=2000&limit=10&state=busy").path("items").valueStream().map(i -> i.path("memberId").asLong()))
                    .containsExactly(grid1);
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'member.state' and entity_id = ?").param(String.valueOf(grid1))
                    .query(Long.class).single()).isPositive();
            put("operator-kwm", "/api/v1/members/" + grid1 + "/state", Map.of("state", "available"), 404);
            put("grid2", "/api/v1/members/" + grid1 + "/state", Map.of("state", "available"), 403);
            put("grid1", "/api/v1/members/me/state", Map.of("state", "asleep"), 400);
        } finally {
            put("operator", "/api/v1/members/" + grid1 + "/state", Map.of("state", "available"), 200);
        }
        assertThat(nearby("operator", "&radiusM=2000&limit=10").path("items").valueStream().map(i -> i.path("memberId").asLong())).contains(grid1);
    }

    @Test
    void aPatrolTerminalMovesTheMemberWhoCarriesItAndHistoryAnswersForAPastMoment() throws Exception {
        // a terminal and its carrier of this test's own, so no other test's fixes interleave
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values ('patrol-r1', 'patrol_terminal', 'SN-PATROL-R1', '巡更终端 R1', ?, st_setsrid(st_makepoint(119.124, 36.703), 4326), 'ACTIVE')
                on conflict do nothing""").param(shy).update();
        long carrier = jdbc.sql("""
                insert into member (name, role, affiliation, area_id, device_id, state) values ('平安联盟 钱（快递员）', 'PATROL', '快递员', ?, 'patrol-r1', 'AVAILABLE')
                on conflict (device_id) do update set state = 'AVAILABLE' returning id""").param(shy).query(Long.class).single();
        MqttClient terminal = connectDevice("patrol-r1");
        // three fixes a minute apart, all in the past
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0).minusSeconds(200);
        for (int i = 0; i < 3; i++) {
            String fix = "{\"ts\":\"%s\",\"type\":\"position\",\"lon\":%s,\"lat\":36.7030}".formatted(t0.plusSeconds(i * 60L), 119.1240 + i * 0.001);
            terminal.publish("cc/v1/devices/patrol-r1/telemetry", fix.getBytes(StandardCharsets.UTF_8), 1, false);
        }
        terminal.disconnect();
        terminal.close();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                jdbc.sql("select st_x(location) from member where id = ?").param(carrier).query(Double.class).single()).isCloseTo(119.1260, within(1e-9)));
        JsonNode live = nearby("operator", "&radiusM=3000&limit=10");
        assertThat(live.path("items").valueStream().filter(i -> i.path("memberId").asLong() == carrier).findFirst().orElseThrow()
                .path("lon").asDouble()).isCloseTo(119.1260, within(1e-9));

        // 90 s after the first fix the terminal was at its second position (119.1250)
        Instant at = t0.plusSeconds(90).toInstant();
        JsonNode past = nearby("operator", "&radiusM=3000&limit=10&at=" + at);
        assertThat(past.path("source").asText()).isEqualTo("history");
        JsonNode then = past.path("items").valueStream().filter(i -> i.path("memberId").asLong() == carrier).findFirst().orElseThrow();
        assertThat(then.path("lon").asDouble()).isCloseTo(119.1250, within(1e-9));
        assertThat(then.path("ageS").asLong()).isEqualTo(30);
    }

    @Test
    void respondersAreAreaScopedAndBadParametersAreNamed() {
        assertThat(nearby("operator-kwm", "&radiusM=5000&limit=20").path("items")).isEmpty();
        assertThat(getJson("/api/v1/members", "operator-kwm").path("items")).isEmpty();
        assertThat(getJson("/api/v1/members?role=grid_worker", "operator").path("items").valueStream().map(m -> m.path("username").asText()))
                .contains("grid1", "grid2");
        http().get().uri("/api/v1/members/nearby?lon=119.12&lat=36.7").header("Authorization", "Bearer " + token("resident")).exchange()
                .expectStatus().isForbidden();
        for (String[] bad : new String[][] {{"&radiusM=0", "radiusM"}, {"&limit=1000", "limit"}, {"&state=sleeping", "state"},
            {"&role=mayor", "role"}, {"&crs=utm", "crs"}, {"&at=yesterday", "at"}}) {
            http().get().uri("/api/v1/members/nearby?lon=119.12&lat=36.7" + bad[0]).header("Authorization", "Bearer " + token("operator")).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
    }
}
