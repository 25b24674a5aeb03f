package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;

import tools.jackson.databind.JsonNode;

/** 小红哨: the resident's request through dispatch, handling, evaluation, rework, escalation and complex deadlines. */
class CaseWorkflowTest extends IntegrationTest {

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    private JsonNode submit() {
        // the resident's phone sends WeChat (GCJ-02) coordinates of a place in 第一网格
        ChineseCoordinates.LonLat gcj = ChineseCoordinates.wgs84ToGcj02(119.1215, 36.7075);
        return post("resident", "/api/v1/cases", Map.of("category", "ENV", "description", "楼道堆放杂物，堵塞消防通道",
                "lon", gcj.lon(), "lat", gcj.lat(), "crs", "gcj02"), 201);
    }

    private String deadline(String from, int days) {
        return getJson("/api/v1/calendar/deadline?from=" + from + "&workingDays=" + days, "operator").path("deadline").asText();
    }

    private static String instant(JsonNode n) {
        return java.time.Instant.parse(n.asText()).toString();
    }

    @Test
    void aRequestGoesFromTheResidentToTheGridWorkerAndBackAndOperatorsSeeItLive() throws Exception {
        try (StompTestClient mine = StompTestClient.open(port); StompTestClient other = StompTestClient.open(port)) {
            mine.connect(token("operator"));
            mine.subscribe("c", "/topic/cases");
            other.connect(token("operator-kwm"));
            other.subscribe("c", "/topic/cases");

            JsonNode c = submit();
            long id = c.path("id").asLong();
            assertThat(c.path("status").asText()).isEqualTo("DISPATCHED");
            assertThat(c.path("level").asText()).isEqualTo("COMMUNITY");
            assertThat(c.path("gridName").asText()).isEqualTo("第一网格（西北）");
            assertThat(c.path("lon").asDouble()).isCloseTo(119.1215, org.assertj.core.data.Offset.offset(1e-7));
            assertThat(c.path("ref").asText()).matches("XHS-\\d{8}-\\d{6}");
            // deadlines: take within 1, resolve within 3 working days, by the official calendar
            String submitted = instant(c.path("submittedAt"));
            assertThat(instant(c.path("acceptDue"))).isEqualTo(java.time.OffsetDateTime.parse(deadline(submitted, 1)).toInstant().toString());
            assertThat(instant(c.path("resolveDue"))).isEqualTo(java.time.OffsetDateTime.parse(deadline(submitted, 3)).toInstant().toString());

            assertThat(mine.await(f -> f.command().equals("MESSAGE") && f.body().contains(c.path("ref").asText()), Duration.ofSeconds(5))).isNotNull();
            assertThat(other.nothingMatching(f -> f.body().contains(c.path("ref").asText()), Duration.ofSeconds(1))).isTrue();

            post("resident", "/api/v1/cases/" + id + "/take", null, 403);
            post("operator", "/api/v1/cases/" + id + "/take", null, 200);
            post("operator", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "grid1"), 200);
            post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", ""), 400);
            post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", "已协调物业清理杂物"), 200);
            // the resident is not satisfied: back to the grid worker
            JsonNode rework = post("resident", "/api/v1/cases/" + id + "/evaluate", Map.of("resolved", false, "satisfaction", "DISSATISFIED",
                    "note", "还有两辆电动车没挪走"), 200);
            assertThat(rework.path("status").asText()).isEqualTo("ASSIGNED");
            post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", "电动车已移至车棚"), 200);
            JsonNode closed = post("resident", "/api/v1/cases/" + id + "/evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"), 200);
            assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
            assertThat(closed.path("satisfaction").asText()).isEqualTo("SATISFIED");
            assertThat(closed.path("timeline").valueStream().map(s -> s.path("action").asText()))
                    .containsExactly("submit", "take", "assign", "report", "rework", "report", "evaluate");
            post("resident", "/api/v1/cases/" + id + "/evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"), 409);
            assertThat(jdbc.sql("select count(*) from audit_log where entity = 'case' and entity_id = ?").param(String.valueOf(id))
                    .query(Long.class).single()).isEqualTo(7);
        }
    }

    @Test
    void whatTheCommunityCannotSolveGoesToTheStreetThenTheDistrictThenToDepartmentsWhoMustReport() {
        long id = submit().path("id").asLong();
        post("operator", "/api/v1/cases/" + id + "/take", null, 200);
        post("operator", "/api/v1/cases/" + id + "/escalate", Map.of(), 400); // a reason is required
        JsonNode up = post("operator", "/api/v1/cases/" + id + "/escalate", Map.of("note", "涉及违建，社区无执法权"), 200);
        assertThat(up.path("level").asText()).isEqualTo("STREET");
        assertThat(up.path("holderName").asText()).isEqualTo("广文街道");
        assertThat(up.path("status").asText()).isEqualTo("DISPATCHED");
        post("operator", "/api/v1/cases/" + id + "/take", null, 403);   // now held by the street
        post("operator-street", "/api/v1/cases/" + id + "/take", null, 200);
        JsonNode center = post("operator-street", "/api/v1/cases/" + id + "/escalate", Map.of("note", "需区级职能部门处置"), 200);
        assertThat(center.path("level").asText()).isEqualTo("DISTRICT_CENTER");
        post("operator-street", "/api/v1/cases/" + id + "/take", null, 403); // the street is below the district center
        post("department", "/api/v1/cases/" + id + "/take", null, 403);
        post("operator-district", "/api/v1/cases/" + id + "/take", null, 200);
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of(), 400);
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(Map.of("department", "ENFORCEMENT"),
                Map.of("department", "HOUSING"))), 400); // which one leads?
        JsonNode routed = post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(
                Map.of("department", "ENFORCEMENT", "lead", true), Map.of("department", "HOUSING", "workingDays", 2))), 200);
        assertThat(routed.path("level").asText()).isEqualTo("DEPARTMENTS");
        assertThat(routed.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(routed.path("departments").valueStream().map(JsonNode::asText)).containsExactly("区执法局", "区住建局");
        JsonNode reported = post("department", "/api/v1/cases/" + id + "/report", Map.of("note", "联合执法，违建已拆除"), 200);
        assertThat(reported.path("status").asText()).as("the co-handler has not reported").isEqualTo("ASSIGNED");
        post("department", "/api/v1/cases/" + id + "/report", Map.of("note", "again"), 403); // its part is reported
        JsonNode handled = post("dept-housing", "/api/v1/cases/" + id + "/report", Map.of("note", "已核查房屋安全"), 200);
        assertThat(handled.path("status").asText()).isEqualTo("HANDLED");
        assertThat(handled.path("assignments").valueStream().map(a -> a.path("status").asText())).containsExactly("REPORTED", "REPORTED");
    }

    @Test
    void markingACaseComplexMovesItsDeadlineAndAccessIsScoped() {
        JsonNode c = submit();
        long id = c.path("id").asLong();
        JsonNode complex = post("operator", "/api/v1/cases/" + id + "/complex", Map.of("note", "涉及多户产权"), 200);
        assertThat(complex.path("complex").asBoolean()).isTrue();
        String submitted = instant(c.path("submittedAt"));
        assertThat(instant(complex.path("resolveDue"))).isEqualTo(java.time.OffsetDateTime.parse(deadline(submitted, 5)).toInstant().toString());

        http().get().uri("/api/v1/cases/" + id).header("Authorization", "Bearer " + token("operator-kwm")).exchange().expectStatus().isNotFound();
        assertThat(getJson("/api/v1/cases", "operator-kwm").path("items").valueStream().map(x -> x.path("id").asLong())).doesNotContain(id);
        assertThat(getJson("/api/v1/cases", "resident").path("items").valueStream().map(x -> x.path("id").asLong())).contains(id);
        post("operator", "/api/v1/cases/" + id + "/take", null, 200);
        post("operator", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "nobody"), 400);
        post("operator", "/api/v1/cases/" + id + "/fly", null, 404); // no such action, no such route
        post("resident", "/api/v1/cases", Map.of("category", "x", "lon", 119.12, "lat", 36.70), 400);
        post("resident", "/api/v1/cases", Map.of("category", "x", "description", "far away", "lon", 100.0, "lat", 30.0), 400);
        post("integrator", "/api/v1/cases", Map.of("category", "x", "description", "y", "lon", 119.12, "lat", 36.70), 403);
    }
}
