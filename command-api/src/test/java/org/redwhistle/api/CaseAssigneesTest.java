package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The roster the case board's 指派 picks a grid worker from: GET /api/v1/cases/{id}/assignees. */
class CaseAssigneesTest extends IntegrationTest {

    /** A request in 松鹤园社区's first grid, where grid1 works. */
    private long filedInSongheyuan() {
        return http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("category", "ENV", "description", "楼道堆放杂物", "lon", 119.1232, "lat", 36.7068)).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody().path("id").asLong();
    }

    @Test
    void theCommunityOperatorGetsTheCommunitysGridWorkersWithTheCasesOwnGridFirst() {
        long id = filedInSongheyuan();
        JsonNode items = getJson("/api/v1/cases/" + id + "/assignees", "operator").path("items");
        List<String> usernames = items.valueStream().map(w -> w.path("username").asText()).toList();
        assertThat(usernames).contains("grid1", "grid2");
        assertThat(items.get(0).path("username").asText()).as("the case's own grid first").isEqualTo("grid1");
        assertThat(items.get(0).path("caseGrid").asBoolean()).isTrue();
        assertThat(items.valueStream().filter(w -> w.path("caseGrid").asBoolean()).count()).isLessThan(items.size());
        JsonNode grid1 = items.valueStream().filter(w -> w.path("username").asText().equals("grid1")).findFirst().orElseThrow();
        assertThat(grid1.path("name").asText()).isEqualTo("网格员 刘（第一网格）");
        assertThat(grid1.path("phone").asText()).isEqualTo("13900000001");
        assertThat(grid1.path("gridName").asText()).isNotBlank();
        // the street above the community reads it too
        assertThat(getJson("/api/v1/cases/" + id + "/assignees", "operator-street").path("items").size()).isEqualTo(items.size());
    }

    @Test
    void theRosterIsRefusedToRolesThatDoNotHandleCasesAndHiddenOutsideTheCallersArea() {
        long id = filedInSongheyuan();
        for (String refused : new String[] {"dept-housing", "grid1", "resident"}) {
            http().get().uri("/api/v1/cases/" + id + "/assignees").header("Authorization", "Bearer " + token(refused)).exchange()
                    .expectStatus().isForbidden();
        }
        // another community's operator handles cases, but not this one: it does not exist for them
        http().get().uri("/api/v1/cases/" + id + "/assignees").header("Authorization", "Bearer " + token("operator-kwm")).exchange()
                .expectStatus().isNotFound();
    }
}
