package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * Each role's working case board in a real Chromium (dashboard-web/e2e/workbench.e2e.mjs): a resident's
 * request in 松鹤园社区 taken and escalated by the community, then the street, from the board's dialogs;
 * routed by the district center to a lead department and a co-handler; one department sends its part back
 * and the center routes it again; each department reports from its own login (one with a photo); the
 * case ends handled with both reports. Screenshots of every step land in command-api/target/screenshots.
 */
class WorkbenchBrowserTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.redwhistle.api.cases.internal.CaseSupervisor supervisor;

    private tools.jackson.databind.JsonNode post(String user, String path, Object body) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange()
                .expectStatus().is2xxSuccessful().expectBody().returnResult();
        return JSON.readTree(r.getResponseBody());
    }

    /**
     * 督办 the leader can see: a case routed to 供水中心 whose own limit has passed (moved into the past here),
     * the supervision sweep run at a given moment, and the leader's overview listing the order counted against
     * 供水中心, from which the case opens on the map.
     */
    @Test
    void theLeaderSeesTheSupervisionOrderWhenADepartmentsLimitPasses() throws Exception {
        long id = post("resident", "/api/v1/cases", Map.of("category", "UTILITY", "description", "小区供水管道爆裂，单元楼停水",
                "lon", 119.1250, "lat", 36.7020)).path("id").asLong();
        post("operator", "/api/v1/cases/" + id + "/escalate", Map.of("note", "需供水部门处置"));
        post("operator-street", "/api/v1/cases/" + id + "/escalate", Map.of("note", "请区中心派供水中心"));
        post("operator-district", "/api/v1/cases/" + id + "/take", Map.of());
        String ref = post("operator-district", "/api/v1/cases/" + id + "/assign",
                Map.of("assignments", java.util.List.of(Map.of("department", "WATER", "lead", true)))).path("ref").asText();
        // the department's limit lies an hour behind the moment the sweep is run at
        jdbc.sql("update case_assignment set due_at = ? where case_id = ?")
                .params(java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofHours(1))), id).update();
        supervisor.sweep(java.time.Instant.now());
        assertThat(jdbc.sql("select count(*) from supervision where case_id = ? and deadline = 'DEPARTMENT' and kind = 'ORDER'").param(id)
                .query(Long.class).single()).isEqualTo(1);
        BrowserScript.run("leader-supervision.e2e.mjs", port, "leader-supervision.e2e.log", Duration.ofMinutes(3),
                Map.of("RW_E2E_REF", ref, "RW_E2E_UNIT", "供水中心"));
        for (String name : new String[] {"leader-supervision-order.png", "leader-supervision-case.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
        }
    }

    @Test
    void aCaseGoesFromTheCommunityThroughTheStreetAndTheDistrictCenterToTwoDepartmentsOnTheBoard() throws Exception {
        String output = BrowserScript.run("workbench.e2e.mjs", port, "workbench-e2e.log", Duration.ofMinutes(5), Map.of());

        // what the browser did, as the database has it: handled, both departments reported, the sent-back part routed again
        String ref = output.lines().filter(l -> l.contains("workbench case ")).map(l -> l.replaceAll(".*workbench case (XHS-[0-9-]+).*", "$1"))
                .findFirst().orElseThrow(() -> new AssertionError("the e2e printed no case reference:\n" + output));
        assertThat(jdbc.sql("select status from case_file where ref = ?").params(ref).query(String.class).single()).isEqualTo("HANDLED");
        assertThat(jdbc.sql("""
                select d.code || ':' || a.status from case_assignment a join department d on d.id = a.department_id
                  join case_file c on c.id = a.case_id where c.ref = ? order by a.id""").params(ref).query(String.class).list())
                .containsExactly("ENFORCEMENT:REPORTED", "HOUSING:SENT_BACK", "HOUSING:REPORTED");
        for (String name : new String[] {"workbench-1-community.png", "workbench-2-escalate-dialog.png", "workbench-3-street.png",
            "workbench-4-route-dialog.png", "workbench-5-routed.png", "workbench-6-department-queue.png", "workbench-7-sent-back.png",
            "workbench-8-report-dialog.png", "workbench-9-handled.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
