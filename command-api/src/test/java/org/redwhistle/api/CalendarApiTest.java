package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** The working-calendar endpoints: deadlines, the loaded years, and an administrator loading the next year. */
class CalendarApiTest extends IntegrationTest {

    @Test
    void deadlinesFollowTheOfficialCalendarAndRefuseUnloadedYears() {
        // 2025-09-30 10:00 in China: three working days later is the make-up Saturday 10-11
        JsonNode d = getJson("/api/v1/calendar/deadline?from=2025-09-30T02:00:00Z&workingDays=3", "operator");
        assertThat(d.path("deadline").asText()).isEqualTo("2025-10-11T23:59:59.999+08:00");
        assertThat(d.path("countedDays").valueStream().map(JsonNode::asText)).containsExactly("2025-10-09", "2025-10-10", "2025-10-11");

        http().get().uri("/api/v1/calendar/deadline?from=2028-12-28T02:00:00Z&workingDays=5").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.detail").value(m -> assertThat((String) m).startsWith("the official calendar for 2028 is not loaded"));
        http().get().uri("/api/v1/calendar/deadline?from=yesterday&workingDays=3").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");

        JsonNode y2026 = getJson("/api/v1/calendar/2026", "operator");
        assertThat(y2026.path("holidays")).hasSize(7);
        assertThat(y2026.path("workdays").valueStream().map(JsonNode::asText)).contains("2026-02-14", "2026-10-10");
    }

    @Test
    void anAdministratorLoadsTheNextYear() {
        // 2027 as an administrator would type it from next year's notice (illustrative dates, valid by the rules)
        Map<String, Object> y2027 = Map.of("year", 2027, "source", "test",
                "holidays", List.of(Map.of("name", "元旦", "from", "2027-01-01", "to", "2027-01-03")),
                "workdays", List.of("2027-01-09"));
        http().put().uri("/api/v1/calendar/2027").header("Authorization", "Bearer " + token("operator")).bodyValue(y2027)
                .exchange().expectStatus().isForbidden();
        http().put().uri("/api/v1/calendar/2027").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("holidays", List.of(Map.of("name", "元旦", "from", "2027-01-01", "to", "2027-01-03")), "workdays", List.of("2027-01-05")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("workdays[0]");
        http().put().uri("/api/v1/calendar/2027").header("Authorization", "Bearer " + token("admin")).bodyValue(y2027)
                .exchange().expectStatus().isOk();
        // 2026-12-31 (Thursday) + 1 working day: 2027-01-01..03 off, so Monday 2027-01-04
        assertThat(getJson("/api/v1/calendar/deadline?from=2026-12-31T02:00:00Z&workingDays=1", "operator").path("deadline").asText())
                .isEqualTo("2027-01-04T23:59:59.999+08:00");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'calendar.loaded' and entity_id = '2027'").query(Long.class).single()).isPositive();
    }
}
