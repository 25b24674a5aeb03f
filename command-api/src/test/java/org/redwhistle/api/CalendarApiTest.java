package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/**
 * The working-calendar endpoints: deadlines, provisional years, the loaded years, and an administrator
 * loading a year. (The run's database is shared: the year loaded here is far ahead, 2099, so no
 * other test counts on it; ProvisionalDeadlinesTest loads 2028 with a clock set in 2027/2028.)
 */
class CalendarApiTest extends IntegrationTest {

    @Test
    void deadlinesFollowTheOfficialCalendarAndAreProvisionalInUnloadedYears() {
        // 2025-09-30 10:00 in China: three working days later is the make-up Saturday 10-11
        JsonNode d = getJson("/api/v1/calendar/deadline?from=2025-09-30T02:00:00Z&workingDays=3", "operator");
        assertThat(d.path("deadline").asText()).isEqualTo("2025-10-11T23:59:59.999+08:00");
        assertThat(d.path("countedDays").valueStream().map(JsonNode::asText)).containsExactly("2025-10-09", "2025-10-10", "2025-10-11");

        assertThat(d.path("provisional").asBoolean()).isFalse();

        // 2095 has no notice: counted on its statutory holidays, never refused (Thu 2095-12-29 + 5: 元旦 2096 on Sunday, made up on Monday)
        JsonNode p = getJson("/api/v1/calendar/deadline?from=2095-12-29T02:00:00Z&workingDays=5", "operator");
        assertThat(p.path("provisional").asBoolean()).isTrue();
        assertThat(p.path("provisionalYears").valueStream().map(JsonNode::asInt)).containsExactly(2095, 2096);
        assertThat(p.path("countedDays").valueStream().map(JsonNode::asText))
                .containsExactly("2095-12-30", "2096-01-03", "2096-01-04", "2096-01-05", "2096-01-06");
        JsonNode y2095 = getJson("/api/v1/calendar/2095", "resident");
        assertThat(y2095.path("provisional").asBoolean()).isTrue();
        assertThat(y2095.path("workdays")).isEmpty();
        // beyond the years provisioned: refused
        http().get().uri("/api/v1/calendar/deadline?from=2100-12-30T02:00:00Z&workingDays=5").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.detail").value(m -> assertThat((String) m).startsWith("the official calendar for 2101 is not loaded"));
        http().get().uri("/api/v1/calendar/deadline?from=yesterday&workingDays=3").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");

        JsonNode y2026 = getJson("/api/v1/calendar/2026", "operator");
        assertThat(y2026.path("holidays")).hasSize(7);
        assertThat(y2026.path("workdays").valueStream().map(JsonNode::asText)).contains("2026-02-14", "2026-10-10");
    }

    @Test
    void anAdministratorLoadsTheNextYear() {
        // a year as an administrator would type it from its notice (illustrative dates, valid by the rules)
        Map<String, Object> y2099 = Map.of("year", 2099, "source", "test",
                "holidays", List.of(Map.of("name", "元旦", "from", "2099-01-01", "to", "2099-01-04")),
                "workdays", List.of("2099-01-10"));
        http().put().uri("/api/v1/calendar/2099").header("Authorization", "Bearer " + token("operator")).bodyValue(y2099)
                .exchange().expectStatus().isForbidden();
        http().put().uri("/api/v1/calendar/2099").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("holidays", List.of(Map.of("name", "元旦", "from", "2099-01-01", "to", "2099-01-04")), "workdays", List.of("2099-01-05")))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("workdays[0]");
        // 2098-12-31 (Wednesday) + 1 working day: provisional 2099 has only 01-01 (Thu) off, so Friday 01-02
        assertThat(getJson("/api/v1/calendar/deadline?from=2098-12-31T02:00:00Z&workingDays=1", "operator").path("deadline").asText())
                .isEqualTo("2099-01-02T23:59:59.999+08:00");
        http().put().uri("/api/v1/calendar/2099").header("Authorization", "Bearer " + token("admin")).bodyValue(y2099)
                .exchange().expectStatus().isOk();
        // loaded: 2099-01-01..04 off, so Monday 01-05, and no longer provisional
        JsonNode d = getJson("/api/v1/calendar/deadline?from=2098-12-31T02:00:00Z&workingDays=1", "operator");
        assertThat(d.path("deadline").asText()).isEqualTo("2099-01-05T23:59:59.999+08:00");
        assertThat(d.path("provisional").asBoolean()).isFalse();
        assertThat(d.path("provisionalYears")).isEmpty();
        assertThat(getJson("/api/v1/calendar", "admin").path("official").valueStream().map(y -> y.path("year").asInt())).contains(2025, 2026, 2099);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'calendar.loaded' and entity_id = '2099'").query(Long.class).single()).isPositive();
    }
}
