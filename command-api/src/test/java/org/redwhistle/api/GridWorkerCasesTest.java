package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;

import tools.jackson.databind.JsonNode;

/**
 * A grid worker's cases, as their phone page reads them: the case assigned to them is pushed to them
 * alone as a {@code case-assigned} alert on /user/queue/alerts (grid workers have no /topic/cases), they
 * see it in their list and report it; another grid worker of the community neither hears of it, nor
 * sees it, nor may report it, and a patrol member (no cases.report) is refused.
 */
class GridWorkerCasesTest extends IntegrationTest {

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    private static boolean listed(JsonNode page, long id) {
        return page.path("items").valueStream().anyMatch(c -> c.path("id").asLong() == id);
    }

    @Test
    void theAssigneeAloneIsAlertedOfTheAssignmentSeesTheCaseAndReportsIt() throws Exception {
        // in 第一网格 of 松鹤园社区 (grid1's grid)
        long id = post("resident", "/api/v1/cases", Map.of("category", "ENV", "description", "单元门口的垃圾桶满了，没人清运", "lon", 119.1215,
                "lat", 36.7075), 201).path("id").asLong();
        try (StompTestClient grid1 = StompTestClient.open(port); StompTestClient grid2 = StompTestClient.open(port)) {
            grid1.connect(token("grid1"));
            grid1.subscribe("a", "/user/queue/alerts");
            grid2.connect(token("grid2"));
            grid2.subscribe("a", "/user/queue/alerts");

            post("operator", "/api/v1/cases/" + id + "/take", null, 200);
            post("grid1", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "grid1"), 403); // a grid worker does not assign
            JsonNode assigned = post("operator", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "grid1", "note", "请今天去看一下"), 200);

            var alert = grid1.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"case-assigned\""), Duration.ofSeconds(5));
            assertThat(alert).as("the assignee is alerted").isNotNull();
            JsonNode body = JSON.readTree(alert.body());
            assertThat(body.path("caseId").asLong()).isEqualTo(id);
            assertThat(body.path("ref").asText()).isEqualTo(assigned.path("ref").asText());
            assertThat(body.path("categoryName").asText()).isEqualTo("环境卫生");
            assertThat(body.path("text").asText()).isEqualTo("单元门口的垃圾桶满了，没人清运");
            assertThat(body.path("by").asText()).isEqualTo("松鹤园社区");
            assertThat(body.path("resolveDue").asText()).isEqualTo(assigned.path("resolveDue").asText());
            assertThat(body.path("rework").asBoolean()).isFalse();
            assertThat(grid2.nothingMatching(f -> f.body().contains("case-assigned"), Duration.ofSeconds(1))).as("grid2 hears nothing").isTrue();
        }
        try (StompTestClient feed = StompTestClient.open(port)) {
            // the reason for the alert: no live feed of cases for grid workers
            feed.connect(token("grid1"));
            assertThat(feed.subscribe("c", "/topic/cases").command()).isEqualTo("ERROR");
        }

        assertThat(listed(getJson("/api/v1/cases?status=ASSIGNED&limit=1000", "grid1"), id)).isTrue();
        assertThat(listed(getJson("/api/v1/cases?status=ASSIGNED&limit=1000", "grid2"), id)).as("not in grid2's list").isFalse();
        http().get().uri("/api/v1/cases/" + id).header("Authorization", "Bearer " + token("grid2")).exchange().expectStatus().isNotFound();
        post("grid2", "/api/v1/cases/" + id + "/report", Map.of("note", "不是我的"), 404);
        post("patrol1", "/api/v1/cases/" + id + "/report", Map.of("note", "队员无权上报"), 403);
        post("resident", "/api/v1/cases/" + id + "/report", Map.of("note", "居民无权上报"), 403);
        post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", "已清运", "photoStage", "DURING"), 400);

        JsonNode handled = post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", "已联系保洁清运完毕", "photoStage", "AFTER"), 200);
        assertThat(handled.path("status").asText()).isEqualTo("HANDLED");
        assertThat(handled.path("statusLabel").asText()).isEqualTo("已处置，待评价");

        // the resident says it is not solved: the case is back in grid1's hands, and grid1 is told so
        try (StompTestClient grid1 = StompTestClient.open(port)) {
            grid1.connect(token("grid1"));
            grid1.subscribe("a", "/user/queue/alerts");
            post("resident", "/api/v1/cases/" + id + "/evaluate", Map.of("resolved", false, "satisfaction", "DISSATISFIED"), 200);
            var back = grid1.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"case-assigned\""), Duration.ofSeconds(5));
            assertThat(back).as("the assignee is told of the rework").isNotNull();
            assertThat(JSON.readTree(back.body()).path("rework").asBoolean()).isTrue();
        }
    }

    @Test
    void routingToDepartmentsAlertsNoPerson() throws Exception {
        long id = post("resident", "/api/v1/cases", Map.of("category", "BUILDING", "description", "楼顶违建", "lon", 119.1215, "lat", 36.7075), 201)
                .path("id").asLong();
        try (StompTestClient grid1 = StompTestClient.open(port)) {
            grid1.connect(token("grid1"));
            grid1.subscribe("a", "/user/queue/alerts");
            post("operator", "/api/v1/cases/" + id + "/escalate", Map.of("note", "社区无执法权"), 200);
            post("operator-street", "/api/v1/cases/" + id + "/escalate", Map.of("note", "需区级部门"), 200);
            post("operator-district", "/api/v1/cases/" + id + "/take", null, 200);
            post("operator-district", "/api/v1/cases/" + id + "/assign",
                    Map.of("assignments", java.util.List.of(Map.of("department", "ENFORCEMENT", "lead", true))), 200);
            assertThat(grid1.nothingMatching(f -> f.body().contains("case-assigned"), Duration.ofSeconds(1))).isTrue();
        }
    }
}
