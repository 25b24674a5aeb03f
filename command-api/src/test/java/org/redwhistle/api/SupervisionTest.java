package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.cases.internal.CaseSupervisor;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * 督办 with a controllable clock: the supervisor is swept at chosen moments around a case's
 * deadlines; a warning before, an order after (counted against the holding unit) and an automatic
 * escalation, each once.
 */
class SupervisionTest extends IntegrationTest {

    @Autowired
    CaseSupervisor supervisor;

    private long events(long id, String action) {
        return jdbc.sql("select count(*) from case_event where case_id = ? and action = ?").params(id, action).query(Long.class).single();
    }

    @Test
    void aMissedDeadlineBringsAWarningThenAnOrderAndEscalatesOnce() {
        JsonNode c = JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("category", "NOISE", "description", "夜间装修噪音", "lon", 119.1290, "lat", 36.7070))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        long id = c.path("id").asLong();
        Instant acceptDue = Instant.parse(c.path("acceptDue").asText());

        supervisor.sweep(acceptDue.minus(Duration.ofHours(10)));
        assertThat(events(id, "supervision-warning")).as("nothing yet, 10 h before").isZero();
        assertThat(supervisor.sweep(acceptDue.minus(Duration.ofHours(1)))).isZero();
        assertThat(events(id, "supervision-warning")).isEqualTo(1);

        Instant late = acceptDue.plus(Duration.ofMinutes(1));
        supervisor.sweep(late);
        supervisor.sweep(late); // a second sweep (or another instance) issues nothing more
        assertThat(events(id, "supervision-order")).isEqualTo(1);
        JsonNode now = getJson("/api/v1/cases/" + id, "leader");
        assertThat(now.path("level").asText()).isEqualTo("STREET");
        assertThat(now.path("status").asText()).isEqualTo("DISPATCHED");
        assertThat(Instant.parse(now.path("acceptDue").asText())).as("the street gets its own time limit").isAfter(late);
        assertThat(now.path("timeline").valueStream().map(s -> s.path("action").asText()))
                .containsSubsequence("submit", "supervision-warning", "supervision-order", "escalate");

        JsonNode orders = getJson("/api/v1/supervision?since=2000-01-01T00:00:00Z", "leader");
        JsonNode order = orders.path("items").valueStream().filter(o -> o.path("caseId").asLong() == id && o.path("kind").asText().equals("ORDER"))
                .findFirst().orElseThrow();
        assertThat(order.path("unitLevel").asText()).isEqualTo("COMMUNITY");
        assertThat(order.path("unitName").asText()).isEqualTo("松鹤园社区");
        assertThat(order.path("escalatedTo").asText()).isEqualTo("STREET");
        assertThat(getJson("/api/v1/supervision?since=2000-01-01T00:00:00Z", "operator-kwm").path("items").valueStream()
                .map(o -> o.path("caseId").asLong())).doesNotContain(id);
        http().get().uri("/api/v1/supervision").header("Authorization", "Bearer " + token("resident")).exchange().expectStatus().isForbidden();

        // the street misses its own limit too: up to the district center
        Instant streetDue = Instant.parse(now.path("acceptDue").asText());
        supervisor.sweep(streetDue.plus(Duration.ofMinutes(1)));
        assertThat(getJson("/api/v1/cases/" + id, "leader").path("level").asText()).isEqualTo("DISTRICT_CENTER");
    }
}
