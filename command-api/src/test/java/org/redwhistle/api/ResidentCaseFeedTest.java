package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Residents;
import org.redwhistle.testing.StompTestClient;

import tools.jackson.databind.JsonNode;

/**
 * A resident's live feed, /user/queue/cases, over a real STOMP session: their own requests as they
 * change, never another resident's; the units of the chain cannot subscribe to it; what a resident
 * who signed up may not do over REST.
 */
class ResidentCaseFeedTest extends IntegrationTest {

    private JsonNode post(String token, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null || r.getResponseBody().length == 0 ? null : JSON.readTree(r.getResponseBody());
    }

    /** The catalogue's first category, as the residents' page offers it. */
    private String category(String token) {
        JsonNode items = JSON.readTree(http().get().uri("/api/v1/case-categories").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody()).path("items");
        assertThat(items.size()).isPositive();
        return items.get(0).path("code").asText();
    }

    private long file(String token, String description) {
        return post(token, "/api/v1/cases", Map.of("category", category(token), "description", description, "photos", List.of(),
                "lon", 119.1215, "lat", 36.7075, "crs", "wgs84"), 201).path("id").asLong();
    }

    private static boolean about(StompTestClient.Frame f, long caseId) {
        return "MESSAGE".equals(f.command()) && JSON.readTree(f.body()).path("id").asLong() == caseId;
    }

    @Test
    void aResidentFollowsTheirOwnRequestsLiveAndNobodyElses() throws Exception {
        Residents.Resident wang = Residents.signUp(http(), "居民 王");
        Residents.Resident li = Residents.signUp(http(), "居民 李");
        try (StompTestClient w = StompTestClient.open(port); StompTestClient l = StompTestClient.open(port)) {
            assertThat(w.connect(wang.token()).command()).isEqualTo("CONNECTED");
            assertThat(l.connect(li.token()).command()).isEqualTo("CONNECTED");
            assertThat(w.subscribe("mine", "/user/queue/cases").command()).isEqualTo("RECEIPT");
            assertThat(l.subscribe("mine", "/user/queue/cases").command()).isEqualTo("RECEIPT");

            long id = file(wang.token(), "小区门口路灯不亮");
            StompTestClient.Frame filed = w.await(f -> about(f, id), Duration.ofSeconds(10));
            assertThat(filed).as("the reporter's own case on /user/queue/cases").isNotNull();
            assertThat(filed.header("destination")).isEqualTo("/user/queue/cases");
            JsonNode view = JSON.readTree(filed.body());
            assertThat(view.path("reporter").asText()).isEqualTo(wang.phone());
            assertThat(view.path("status").asText()).isEqualTo("DISPATCHED");
            assertThat(view.path("timeline").size()).isEqualTo(1);

            post(token("operator"), "/api/v1/cases/" + id + "/take", null, 200);
            StompTestClient.Frame taken = w.await(f -> about(f, id) && JSON.readTree(f.body()).path("status").asText().equals("TAKEN"),
                    Duration.ofSeconds(10));
            assertThat(taken).as("the change the operator made").isNotNull();
            assertThat(JSON.readTree(taken.body()).path("timeline").size()).isEqualTo(2);

            // the other resident saw none of it, and their own request reaches only them
            assertThat(l.nothingMatching(f -> about(f, id), Duration.ofSeconds(1))).isTrue();
            long theirs = file(li.token(), "垃圾桶满了无人清理");
            assertThat(l.await(f -> about(f, theirs), Duration.ofSeconds(10))).isNotNull();
            assertThat(w.nothingMatching(f -> about(f, theirs), Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void theUnitsOfTheChainCannotSubscribeToTheResidentsQueue() throws Exception {
        for (String user : new String[] {"operator", "admin", "grid1"}) {
            try (StompTestClient s = StompTestClient.open(port)) {
                assertThat(s.connect(token(user)).command()).isEqualTo("CONNECTED");
                StompTestClient.Frame f = s.subscribe("x", "/user/queue/cases");
                assertThat(f.command()).as(user).isEqualTo("ERROR");
                assertThat(f.header("message")).isEqualTo("forbidden destination");
            }
        }
    }

    @Test
    void aResidentWhoSignedUpSeesOnlyTheirOwnAndMayNotHandleRequests() {
        Residents.Resident zhao = Residents.signUp(http(), "居民 赵");
        long others = file(token("resident"), "楼道灯坏了");
        http().get().uri("/api/v1/cases/" + others).header("Authorization", "Bearer " + zhao.token()).exchange().expectStatus().isNotFound();
        long own = file(zhao.token(), "井盖松动");
        http().get().uri("/api/v1/cases/" + own).header("Authorization", "Bearer " + zhao.token()).exchange().expectStatus().isOk();
        post(zhao.token(), "/api/v1/cases/" + own + "/take", null, 403);
        post(zhao.token(), "/api/v1/cases/" + own + "/assign", Map.of("assignee", "grid1"), 403);
        http().get().uri("/api/v1/alarms").header("Authorization", "Bearer " + zhao.token()).exchange().expectStatus().isForbidden();
        http().get().uri("/api/v1/members").header("Authorization", "Bearer " + zhao.token()).exchange().expectStatus().isForbidden();
        JsonNode listed = JSON.readTree(http().get().uri("/api/v1/cases").header("Authorization", "Bearer " + zhao.token()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(listed.path("items").valueStream().map(c -> c.path("id").asLong()).toList()).containsExactly(own);
    }
}
