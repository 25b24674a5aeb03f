package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Counts and the three rates over a period that holds exactly this test's cases. */
class CaseStatsTest extends IntegrationTest {

    private long submit() {
        return JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("category", "FACILITY", "description", "路灯不亮", "lon", 119.1250, "lat", 36.7020)).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).path("id").asLong();
    }

    private void act(String user, long id, String action, Map<String, Object> body) {
        http().post().uri("/api/v1/cases/" + id + "/" + action).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange()
                .expectStatus().isOk();
    }

    private void handle(long id, String satisfaction) {
        act("operator", id, "take", Map.of());
        act("operator", id, "assign", Map.of("assignee", "grid1"));
        act("grid1", id, "report", Map.of("note", "已修复"));
        act("resident", id, "evaluate", Map.of("resolved", true, "satisfaction", satisfaction));
    }

    @Test
    void theThreeRatesFollowTheirStatedDefinitions() {
        Instant from = Instant.now().minusMillis(1);
        handle(submit(), "SATISFIED");
        handle(submit(), "BASICALLY_SATISFIED");
        act("operator", submit(), "complex", Map.of("note", "需更换线路"));
        // a dissatisfied evaluation sends the case back; it still counts, as does the later satisfied one
        long reworked = submit();
        handle(reworked, "DISSATISFIED");
        act("grid1", reworked, "report", Map.of("note", "已更换灯泡"));
        act("resident", reworked, "evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"));
        Instant to = Instant.now().plusSeconds(1);

        JsonNode s = getJson("/api/v1/stats/cases?from=" + from + "&to=" + to, "operator");
        JsonNode t = s.path("total");
        assertThat(t.path("accepted").asLong()).isEqualTo(4);
        assertThat(t.path("closed").asLong()).isEqualTo(3);
        assertThat(t.path("open").asLong()).isEqualTo(1);
        assertThat(t.path("complex").asLong()).isEqualTo(1);
        assertThat(t.path("overdue").asLong()).isZero();
        assertThat(t.path("rated").asLong()).as("four evaluations").isEqualTo(4);
        assertThat(t.path("responseRate").asDouble()).isCloseTo(3 / 4.0, within(1e-4));   // three of four taken in time
        assertThat(t.path("resolutionRate").asDouble()).isEqualTo(1.0);
        // satisfied twice, basically satisfied once (weight 1.0 by default), dissatisfied once
        assertThat(t.path("satisfactionRate").asDouble()).isEqualTo(0.75);
        assertThat(t.path("composite").asDouble()).isCloseTo(0.10 * 0.75 + 0.45 * 1.0 + 0.45 * 0.75, within(1e-4));
        assertThat(s.path("byCommunity")).singleElement().satisfies(c -> {
            assertThat(c.path("name").asText()).isEqualTo("松鹤园社区");
            assertThat(c.path("accepted").asLong()).isEqualTo(4);
        });
        assertThat(s.path("definitions").path("responseRate").asText()).contains("accept deadline");

        // another community's operator sees none of it, and cannot ask for this community
        assertThat(getJson("/api/v1/stats/cases?from=" + from + "&to=" + to, "operator-kwm").path("total").path("accepted").asLong()).isZero();
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        http().get().uri("/api/v1/stats/cases?areaId=" + shy).header("Authorization", "Bearer " + token("operator-kwm")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("areaId");
        http().get().uri("/api/v1/stats/cases").header("Authorization", "Bearer " + token("resident")).exchange().expectStatus().isForbidden();
        // a period without rated cases has no rates, rather than zeros
        JsonNode empty = getJson("/api/v1/stats/cases?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z", "operator").path("total");
        assertThat(empty.path("resolutionRate").isNull()).isTrue();
    }
}
