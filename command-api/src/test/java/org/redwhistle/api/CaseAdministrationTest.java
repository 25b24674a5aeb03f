package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.cases.internal.CaseSupervisor;
import org.redwhistle.api.demo.internal.DemoHistory;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/** Configurable escalation chains, supervision counted per unit, and the demo year replayed through the workflow. */
class CaseAdministrationTest extends IntegrationTest {

    @Autowired
    DemoHistory history;

    @Autowired
    CaseSupervisor supervisor;

    @Test
    void caseTypesAndTheirChainsAreConfigurable() {
        http().put().uri("/api/v1/case-types/SAFETY_LEAD").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("name", "治安线索", "chain", List.of("COMMUNITY", "DISTRICT_CENTER", "LEADERS"))).exchange().expectStatus().isOk();
        assertThat(getJson("/api/v1/case-types", "operator").path("items").valueStream().map(t -> t.path("code").asText()))
                .contains("GENERAL", "MEDIATION", "SAFETY_LEAD");
        http().put().uri("/api/v1/case-types/BAD").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("name", "x", "chain", List.of("DISTRICT_CENTER", "COMMUNITY"))).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("chain[1]");
        http().put().uri("/api/v1/case-types/BAD").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("name", "x", "chain", List.of("COMMUNITY"))).exchange().expectStatus().isForbidden();
        // a case of the new type escalates along its own chain: community → district center → leaders
        // a resident's request takes its category's type: a type the resident names is not theirs to choose
        JsonNode own = JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("type", "SAFETY_LEAD", "category", "SAFETY", "description", "夜间有人撬车", "lon", 119.1250, "lat", 36.7020))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        assertThat(own.path("type").asText()).isEqualTo("GENERAL");
        // the community's operator files it under the new type
        JsonNode c = JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("type", "SAFETY_LEAD", "category", "SAFETY", "description", "夜间有人撬车", "lon", 119.1250, "lat", 36.7020))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        assertThat(c.path("type").asText()).isEqualTo("SAFETY_LEAD");
        long id = c.path("id").asLong();
        http().post().uri("/api/v1/cases/" + id + "/escalate").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("note", "报派出所")).exchange().expectStatus().isOk();
        http().post().uri("/api/v1/cases/" + id + "/escalate").header("Authorization", "Bearer " + token("leader"))
                .bodyValue(Map.of("note", "请区领导督办")).exchange().expectStatus().isOk().expectBody().jsonPath("$.level").isEqualTo("LEADERS");
    }

    @Test
    void aReplayedYearFillsTheStatisticsAndSupervisionCountsPerUnit() {
        Instant now = Instant.now();
        long firstId = maxCaseId();
        int filed = history.generate(60, 7, now);
        assertThat(filed).isEqualTo(60);
        JsonNode year = getJson("/api/v1/stats/cases?from=" + now.minus(Duration.ofDays(366)) + "&to=" + now.minus(Duration.ofDays(1)).plusSeconds(1),
                "leader").path("total");
        assertThat(year.path("accepted").asLong()).isGreaterThanOrEqualTo(55);
        assertThat(year.path("closed").asLong()).isGreaterThan(40);
        assertThat(year.path("resolutionRate").asDouble()).isBetween(0.8, 1.0);
        assertThat(year.path("satisfactionRate").asDouble()).isBetween(0.8, 1.0);
        assertThat(year.path("responseRate").asDouble()).isBetween(0.8, 1.0);
        assertThat(jdbc.sql("select count(*) from case_event e join case_file c on c.id = e.case_id where c.submitted_at < ? and e.action = 'evaluate'")
                .param(java.sql.Timestamp.from(now.minus(Duration.ofDays(1)))).query(Long.class).single()).isGreaterThan(40);
        // nothing replayed happens after now: no step, no taken, handled or closed time in the future
        assertThat(futureSteps(firstId, now)).isZero();
        // the last three days alone: most of their steps would lie ahead, and none is written
        long recentId = maxCaseId();
        assertThat(history.generate(20, 11, now, 3)).isEqualTo(20);
        assertThat(jdbc.sql("select count(*) from case_event where case_id > ?").param(recentId).query(Long.class).single()).isGreaterThanOrEqualTo(40);
        assertThat(futureSteps(recentId, now)).isZero();

        // whatever is still open and overdue gets its supervision order, counted against its unit
        supervisor.sweep(now);
        JsonNode units = getJson("/api/v1/supervision/summary?since=2000-01-01T00:00:00Z", "leader").path("units");
        assertThat(units.isArray()).isTrue();
        units.forEach(u -> assertThat(u.path("unitName").asText()).isNotBlank());
    }

    private long maxCaseId() {
        return jdbc.sql("select coalesce(max(id), 0) from case_file").query(Long.class).single();
    }

    /** Steps and times of the cases after {@code afterId} that lie after {@code now}. */
    private long futureSteps(long afterId, Instant now) {
        return jdbc.sql("""
                select count(*) from case_file c left join case_event e on e.case_id = c.id
                 where c.id > :after and (e.at > :now or c.taken_at > :now or c.handled_at > :now or c.closed_at > :now)""")
                .param("after", afterId).param("now", java.sql.Timestamp.from(now)).query(Long.class).single();
    }
}
