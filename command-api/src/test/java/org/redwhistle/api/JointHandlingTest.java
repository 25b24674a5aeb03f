package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.cases.internal.CaseSupervisor;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * 社区吹哨、部门报到 across the district's units: the street between the community and the district
 * center, the district center routing to a lead department and co-handlers (多部门联办), each department
 * reporting or sending back (退回) for itself, their own deadlines supervised, a leader's 批示 pushed to
 * the unit holding the case, and the units as data.
 */
class JointHandlingTest extends IntegrationTest {

    @Autowired
    CaseSupervisor supervisor;

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    /** A request of 松鹤园社区 brought up to the district center, taken there. */
    private long atTheDistrictCenter(String what) {
        long id = post("resident", "/api/v1/cases", Map.of("category", "BUILDING", "description", what, "lon", 119.1250, "lat", 36.7020), 201)
                .path("id").asLong();
        post("operator", "/api/v1/cases/" + id + "/escalate", Map.of("note", "社区无执法权"), 200);
        post("operator-street", "/api/v1/cases/" + id + "/escalate", Map.of("note", "街道协调不了，需区级部门"), 200);
        post("operator-district", "/api/v1/cases/" + id + "/take", null, 200);
        return id;
    }

    private static Map<String, Object> part(String department, boolean lead) {
        return Map.of("department", department, "lead", lead);
    }

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    @Test
    void eachDepartmentSeesAndReportsOnlyItsOwnPartAndTheCaseIsHandledWhenAllHave() throws Exception {
        try (StompTestClient housing = StompTestClient.open(port); StompTestClient market = StompTestClient.open(port)) {
            housing.connect(token("dept-housing"));
            housing.subscribe("c", "/topic/cases");
            market.connect(token("dept-market"));
            market.subscribe("c", "/topic/cases");
            long id = routedToTwo();
            assertThat(housing.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"id\":" + id + ",") && f.body().contains("区住建局"),
                    Duration.ofSeconds(5))).as("the case routed to it").isNotNull();
            assertThat(market.nothingMatching(f -> f.body().contains("\"id\":" + id + ","), Duration.ofSeconds(1)))
                    .as("a department is not pushed the district's other cases").isTrue();
            reportEachPart(id);
        }
    }

    private long routedToTwo() {
        long id = atTheDistrictCenter("违建加层，疑似影响房屋结构安全");
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("NOPE", true))), 400);
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("ENFORCEMENT", true),
                part("HOUSING", true))), 400);
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("ENFORCEMENT", true),
                Map.of("department", "HOUSING", "workingDays", 0))), 400);
        post("dept-market", "/api/v1/cases/" + id + "/report", Map.of("note", "x"), 404); // not its case: it does not even see it
        JsonNode routed = post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments",
                List.of(part("ENFORCEMENT", true), Map.of("department", "HOUSING", "lead", false, "workingDays", 2))), 200);
        assertThat(routed.path("holderName").asText()).isEqualTo("区执法局、区住建局");
        JsonNode lead = routed.path("assignments").get(0);
        assertThat(lead.path("department").asText()).isEqualTo("ENFORCEMENT");
        assertThat(lead.path("lead").asBoolean()).isTrue();
        assertThat(lead.path("statusLabel").asText()).isEqualTo("办理中");
        return id;
    }

    private void reportEachPart(long id) {

        // the departments' own queues
        assertThat(getJson("/api/v1/cases/" + id, "dept-housing").path("id").asLong()).isEqualTo(id);
        assertThat(getJson("/api/v1/cases?limit=1000", "dept-housing").path("items").valueStream().map(c -> c.path("id").asLong())).contains(id);
        assertThat(getJson("/api/v1/cases?limit=1000", "dept-market").path("items").valueStream().map(c -> c.path("id").asLong())).doesNotContain(id);
        assertThat(getJson("/api/v1/cases?department=HOUSING&limit=1000", "leader").path("items").valueStream()
                .map(c -> c.path("id").asLong())).contains(id);
        assertThat(getJson("/api/v1/cases?department=MARKET&limit=1000", "leader").path("items").valueStream()
                .map(c -> c.path("id").asLong())).doesNotContain(id);
        http().get().uri("/api/v1/cases/" + id).header("Authorization", "Bearer " + token("dept-market")).exchange().expectStatus().isNotFound();
        post("operator-district", "/api/v1/cases/" + id + "/report", Map.of("note", "中心代报"), 409); // the departments report for themselves

        JsonNode one = post("dept-housing", "/api/v1/cases/" + id + "/report", Map.of("note", "已鉴定，结构安全"), 200);
        assertThat(one.path("status").asText()).as("the lead has not reported").isEqualTo("ASSIGNED");
        JsonNode both = post("department", "/api/v1/cases/" + id + "/report", Map.of("note", "违建已拆除"), 200);
        assertThat(both.path("status").asText()).isEqualTo("HANDLED");
        JsonNode detail = getJson("/api/v1/cases/" + id, "leader");
        assertThat(detail.path("timeline").valueStream().filter(s -> s.path("action").asText().equals("report")).map(s -> s.path("note").asText()))
                .anySatisfy(n -> assertThat(n).startsWith("区住建局（协办）报到处置：已鉴定，结构安全"))
                .anySatisfy(n -> assertThat(n).contains("区执法局（牵头）报到处置：违建已拆除").contains("各部门均已报到"));
    }

    @Test
    void aDepartmentSendsBackAWrongAssignmentAndTheCenterMustRouteItAgainInTime() {
        long id = atTheDistrictCenter("小区供水管道爆裂");
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("MARKET", true))), 200);
        post("dept-market", "/api/v1/cases/" + id + "/send-back", Map.of(), 400); // a reason is required
        post("department", "/api/v1/cases/" + id + "/send-back", Map.of("note", "x"), 404); // not routed to it
        post("operator-district", "/api/v1/cases/" + id + "/send-back", Map.of("note", "x"), 403); // only departments send back
        JsonNode back = post("dept-market", "/api/v1/cases/" + id + "/send-back", Map.of("note", "供水管道不属于市场监管职责，请派供水中心"), 200);
        assertThat(back.path("status").asText()).as("the center holds it again").isEqualTo("TAKEN");
        JsonNode part = back.path("assignments").get(0);
        assertThat(part.path("status").asText()).isEqualTo("SENT_BACK");
        assertThat(part.path("sentBackReason").asText()).isEqualTo("供水管道不属于市场监管职责，请派供水中心");
        Instant rerouteDue = Instant.parse(part.path("rerouteDue").asText());

        // the center lets its re-routing limit pass: an order against the center, once
        supervisor.sweep(rerouteDue.plus(Duration.ofMinutes(1)));
        supervisor.sweep(rerouteDue.plus(Duration.ofMinutes(2)));
        assertThat(count("select count(*) from supervision where case_id = ? and deadline = 'REROUTE' and kind = 'ORDER'", id)).isEqualTo(1);
        JsonNode order = getJson("/api/v1/supervision?since=2000-01-01T00:00:00Z", "leader").path("items").valueStream()
                .filter(o -> o.path("caseId").asLong() == id && o.path("deadline").asText().equals("REROUTE")).findFirst().orElseThrow();
        assertThat(order.path("unitName").asText()).isEqualTo("区社会治理服务中心");

        JsonNode again = post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("WATER", true))), 200);
        assertThat(again.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(again.path("timeline").valueStream().map(s -> s.path("note").asText())).anySatisfy(n -> assertThat(n).startsWith("重新派发：供水中心（牵头"));
        // a department's own limit passes: an order counted against that department, not against the center
        Instant due = Instant.parse(again.path("assignments").get(1).path("dueAt").asText());
        assertThat(again.path("assignments").get(1).path("department").asText()).isEqualTo("WATER");
        supervisor.sweep(due.plus(Duration.ofMinutes(1)));
        assertThat(count("select count(*) from supervision s join department d on d.id = s.department_id where s.case_id = ? and d.code = 'WATER'"
                + " and s.kind = 'ORDER' and s.deadline = 'DEPARTMENT'", id)).isEqualTo(1);
        JsonNode late = getJson("/api/v1/cases/" + id, "dept-water");
        assertThat(late.path("timeline").valueStream().map(s -> s.path("note").asText()))
                .anySatisfy(n -> assertThat(n).startsWith("督办单：供水中心 已超过本部门办理时限"));
        JsonNode units = getJson("/api/v1/supervision/summary?since=2000-01-01T00:00:00Z", "leader").path("units");
        assertThat(units.valueStream().map(u -> u.path("unitName").asText())).contains("供水中心", "区社会治理服务中心");
    }

    @Test
    void aLeadersInstructionIsPushedToTheUnitHoldingTheCase() throws Exception {
        long id = post("resident", "/api/v1/cases", Map.of("category", "ENV", "description", "垃圾清运不及时", "lon", 119.1215, "lat", 36.7075), 201)
                .path("id").asLong();
        try (StompTestClient holder = StompTestClient.open(port); StompTestClient other = StompTestClient.open(port)) {
            holder.connect(token("operator"));
            holder.subscribe("a", "/user/queue/alerts");
            other.connect(token("operator-kwm"));
            other.subscribe("a", "/user/queue/alerts");
            post("operator", "/api/v1/cases/" + id + "/instruct", Map.of("note", "x"), 403);   // only leaders
            post("resident", "/api/v1/cases/" + id + "/instruct", Map.of("note", "x"), 403);
            post("leader", "/api/v1/cases/" + id + "/instruct", Map.of(), 400);
            JsonNode c = post("leader", "/api/v1/cases/" + id + "/instruct", Map.of("note", "群众反映强烈，请今日内清运完毕"), 200);
            assertThat(c.path("timeline").valueStream().map(s -> s.path("note").asText()))
                    .contains("领导批示（致松鹤园社区）：群众反映强烈，请今日内清运完毕");
            var alert = holder.await(f -> f.command().equals("MESSAGE") && f.body().contains("case-instruction"), Duration.ofSeconds(5));
            assertThat(alert).isNotNull();
            assertThat(alert.body()).contains("群众反映强烈，请今日内清运完毕").contains(c.path("ref").asText());
            assertThat(other.nothingMatching(f -> f.body().contains("case-instruction"), Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void aCaseLeavingTheDepartmentsTakesTheirPartsBackAndTheLeadersMayRouteItAgain() {
        long id = atTheDistrictCenter("多部门推诿，需区领导协调");
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("ENFORCEMENT", true),
                part("MARKET", false))), 200);
        // a co-handler sends back while the lead works on: the lead goes on, and the center still owes an answer in time
        JsonNode back = post("dept-market", "/api/v1/cases/" + id + "/send-back", Map.of("note", "不涉及市场监管"), 200);
        assertThat(back.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(back.path("timeline").valueStream().map(s -> s.path("note").asText())).anySatisfy(n -> assertThat(n).endsWith("（牵头单位继续办理）"));
        Instant rerouteDue = Instant.parse(back.path("assignments").get(1).path("rerouteDue").asText());
        supervisor.sweep(rerouteDue.plus(Duration.ofMinutes(1)));
        assertThat(count("select count(*) from supervision where case_id = ? and deadline = 'REROUTE' and kind = 'ORDER'", id)).isEqualTo(1);
        // the center cannot solve it: up to the leaders, and the lead's part is taken back
        JsonNode up = post("operator-district", "/api/v1/cases/" + id + "/escalate", Map.of("note", "部门间意见不一，请区领导协调"), 200);
        assertThat(up.path("level").asText()).isEqualTo("LEADERS");
        assertThat(up.path("assignments").get(0).path("status").asText()).isEqualTo("WITHDRAWN");
        post("department", "/api/v1/cases/" + id + "/report", Map.of("note", "x"), 409); // nothing in its hands (the case is DISPATCHED)
        post("leader", "/api/v1/cases/" + id + "/take", null, 200);
        JsonNode routed = post("leader", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("HOUSING", true))), 200);
        assertThat(routed.path("level").asText()).as("the leaders keep it").isEqualTo("LEADERS");
        assertThat(Instant.parse(routed.path("resolveDue").asText())).as("the case's limit is not before the part's")
                .isAfterOrEqualTo(Instant.parse(routed.path("assignments").get(2).path("dueAt").asText()));
        JsonNode done = post("dept-housing", "/api/v1/cases/" + id + "/report", Map.of("note", "区领导协调后已处置"), 200);
        assertThat(done.path("status").asText()).isEqualTo("HANDLED");

        // the resident who filed it reads the outcome, not the units' notes to each other
        post("leader", "/api/v1/cases/" + id + "/instruct", Map.of("note", "内部批示：限期办结"), 200);
        JsonNode mine = getJson("/api/v1/cases/" + id, "resident");
        assertThat(mine.path("timeline").valueStream().map(s -> s.path("action").asText())).doesNotContain("instruct", "send-back");
        assertThat(mine.path("assignments").get(1).path("sentBackReason").isNull()).isTrue();
        assertThat(getJson("/api/v1/cases/" + id, "leader").path("timeline").valueStream().map(s -> s.path("action").asText()))
                .contains("instruct", "send-back");
    }

    @Test
    void theDepartmentFilterAndSupervisionAreScopedToTheDepartment() {
        http().get().uri("/api/v1/cases?department=NOPE").header("Authorization", "Bearer " + token("leader")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("department");
        long id = atTheDistrictCenter("路灯线路老化");
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("POWER", true))), 200);
        Instant due = Instant.parse(getJson("/api/v1/cases/" + id, "leader").path("assignments").get(0).path("dueAt").asText());
        supervisor.sweep(due.plus(Duration.ofMinutes(1)));
        assertThat(getJson("/api/v1/supervision?since=2000-01-01T00:00:00Z", "dept-power").path("items").valueStream()
                .map(o -> o.path("caseId").asLong())).contains(id);
        assertThat(getJson("/api/v1/supervision?since=2000-01-01T00:00:00Z", "dept-water").path("items").valueStream()
                .map(o -> o.path("caseId").asLong())).doesNotContain(id);
    }

    @Test
    void theUnitsAreDataAndOnlyAdministratorsChangeDepartments() {
        JsonNode units = getJson("/api/v1/units", "leader").path("units");
        assertThat(units.valueStream().map(u -> u.path("kindLabel").asText())).contains("区社会治理服务中心", "街道", "社区", "网格", "职能部门");
        JsonNode housing = units.valueStream().filter(u -> u.path("code").asText().equals("HOUSING")).findFirst().orElseThrow();
        assertThat(housing.path("accounts").path("职能部门").asLong()).isEqualTo(1);
        JsonNode mine = getJson("/api/v1/units", "operator").path("units");
        assertThat(mine.valueStream().map(u -> u.path("name").asText())).contains("松鹤园社区").doesNotContain("奎文门社区");
        http().get().uri("/api/v1/units").header("Authorization", "Bearer " + token("resident")).exchange().expectStatus().isForbidden();
        http().get().uri("/api/v1/departments").header("Authorization", "Bearer " + token("patrol1")).exchange().expectStatus().isForbidden();

        Map<String, Object> body = Map.of("code", "GAS", "name", "奎文区燃气服务中心", "shortName", "燃气中心", "areaCode", "370705");
        http().post().uri("/api/v1/departments").header("Authorization", "Bearer " + token("leader")).bodyValue(body).exchange()
                .expectStatus().isForbidden();
        http().post().uri("/api/v1/departments").header("Authorization", "Bearer " + token("admin")).bodyValue(Map.of("code", "gas", "name", "x",
                "areaCode", "370705")).exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        http().post().uri("/api/v1/departments").header("Authorization", "Bearer " + token("admin")).bodyValue(Map.of("code", "GAS2", "name", "x",
                "areaCode", "370705001001")).exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("areaCode");
        if (getJson("/api/v1/departments", "admin").path("items").valueStream().noneMatch(d -> d.path("code").asText().equals("GAS"))) {
            http().post().uri("/api/v1/departments").header("Authorization", "Bearer " + token("admin")).bodyValue(body).exchange()
                    .expectStatus().isCreated().expectBody().jsonPath("$.shortName").isEqualTo("燃气中心");
        }
        http().post().uri("/api/v1/departments").header("Authorization", "Bearer " + token("admin")).bodyValue(body).exchange()
                .expectStatus().isEqualTo(409);
        http().post().uri("/api/v1/departments").header("Authorization", "Bearer " + token("admin")).bodyValue(Map.of("code", "GAS3",
                "name", "奎文区燃气服务中心", "areaCode", "370705")).exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        // accounts are attached to a department (an installation's accounts from before departments were data); only DEPARTMENT accounts
        http().put().uri("/api/v1/departments/GAS").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("name", "奎文区燃气服务中心", "areaCode", "370705", "accounts", List.of("operator"))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("accounts[0]");
        http().put().uri("/api/v1/departments/GAS").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("name", "奎文区燃气服务中心", "shortName", "燃气中心", "areaCode", "370705", "active", false)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.active").isEqualTo(false);
        // an inactive department receives nothing
        long id = atTheDistrictCenter("燃气表漏气");
        post("operator-district", "/api/v1/cases/" + id + "/assign", Map.of("assignments", List.of(part("GAS", true))), 400);
    }
}
