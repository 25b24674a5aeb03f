package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** JWT on every API call and STOMP CONNECT, role checks on destinations, area scoping everywhere. */
class SecurityAndScopeTest extends IntegrationTest {

    @Test
    void apiWithoutTokenIsRefusedWithAProblemDocument() {
        http().get().uri("/api/v1/alarms").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401).jsonPath("$.title").isEqualTo("Authentication required");
        http().get().uri("/api/v1/alarms").header("Authorization", "Bearer not.a.jwt").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void wrongPasswordIsRefused() {
        http().post().uri("/api/v1/auth/token").bodyValue(Map.of("username", "operator", "password", "wrong-password"))
                .exchange().expectStatus().isUnauthorized().expectBody().jsonPath("$.detail").isEqualTo("unknown user or wrong password");
    }

    @Test
    void badParametersNameTheField() {
        http().get().uri("/api/v1/alarms?limit=0").header("Authorization", "Bearer " + token("operator")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("limit");
        http().get().uri("/api/v1/alarms?bbox=1,2").header("Authorization", "Bearer " + token("operator")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("bbox");
        http().get().uri("/api/v1/alarms?status=SLEEPING").header("Authorization", "Bearer " + token("operator")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        http().post().uri("/api/v1/auth/token").bodyValue(Map.of("username", "operator")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("password");
    }

    @Test
    void stompConnectNeedsAValidToken() throws Exception {
        try (StompTestClient s = StompTestClient.open(port)) {
            StompTestClient.Frame f = s.connect(null);
            assertThat(f.command()).isEqualTo("ERROR");
            assertThat(f.header("message")).isEqualTo("authentication required");
        }
        try (StompTestClient s = StompTestClient.open(port)) {
            StompTestClient.Frame f = s.connect("forged.token.value");
            assertThat(f.command()).isEqualTo("ERROR");
            assertThat(f.header("message")).isEqualTo("authentication failed");
        }
    }

    @Test
    void destinationsAreCheckedPerRole() throws Exception {
        try (StompTestClient s = StompTestClient.open(port)) {
            assertThat(s.connect(token("patrol1")).command()).isEqualTo("CONNECTED");
            assertThat(s.subscribe("q", "/user/queue/alerts").command()).isEqualTo("RECEIPT");
            StompTestClient.Frame f = s.subscribe("a", "/topic/alarms");
            assertThat(f.command()).isEqualTo("ERROR");
            assertThat(f.header("message")).isEqualTo("forbidden destination");
        }
        try (StompTestClient s = StompTestClient.open(port)) {
            s.connect(token("operator"));
            assertThat(s.subscribe("x", "/topic/nonsense").header("message")).isEqualTo("unknown destination");
        }
    }

    @Test
    void operatorsOfAnotherCommunityNeitherReceiveNorSeeTheAlarm() throws Exception {
        try (StompTestClient mine = StompTestClient.open(port); StompTestClient other = StompTestClient.open(port)) {
            mine.connect(token("operator"));
            mine.subscribe("a", "/topic/alarms");
            other.connect(token("operator-kwm"));
            other.subscribe("a", "/topic/alarms");

            MqttClient wall = connectDevice("wall-02");
            String msgId = Events.newMsgId();
            wall.publish("cc/v1/devices/wall-02/events",
                    Events.intrusion(msgId, Events.now(), 119.1202, 36.7060, "SHY-WEST").getBytes(StandardCharsets.UTF_8), 1, false);
            StompTestClient.Frame seen = mine.await(f -> f.body().contains(msgId), Duration.ofSeconds(20));
            assertThat(seen).isNotNull();
            assertThat(other.nothingMatching(f -> f.body().contains(msgId), Duration.ofSeconds(2))).isTrue();

            long id = JSON.readTree(seen.body()).path("id").asLong();
            JsonNode otherList = getJson("/api/v1/alarms", "operator-kwm");
            assertThat(otherList.path("items").valueStream().map(a -> a.path("id").asLong())).doesNotContain(id);
            http().get().uri("/api/v1/alarms/" + id).header("Authorization", "Bearer " + token("operator-kwm")).exchange()
                    .expectStatus().isNotFound();
            assertThat(getJson("/api/v1/alarms/" + id, "operator-street").path("id").asLong()).isEqualTo(id);
            assertThat(getJson("/api/v1/alarms/" + id, "leader").path("id").asLong()).isEqualTo(id);
            wall.disconnect();
            wall.close();
        }
    }

    @Test
    void listFiltersCannotReachOutsideTheUsersArea() {
        long songheyuan = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        http().get().uri("/api/v1/alarms?areaId=" + songheyuan).header("Authorization", "Bearer " + token("operator-kwm"))
                .exchange().expectStatus().isForbidden();
        assertThat(getJson("/api/v1/devices", "operator-kwm").path("items").size()).isZero();
        assertThat(getJson("/api/v1/devices", "operator").path("items").size()).isGreaterThanOrEqualTo(13);
        http().get().uri("/api/v1/devices/wall-01").header("Authorization", "Bearer " + token("operator-kwm"))
                .exchange().expectStatus().isNotFound();
    }

    @Test
    void onlyIntegratorsAndAdminsIssueDeviceCredentials() {
        http().post().uri("/api/v1/devices/cam-04/credentials").header("Authorization", "Bearer " + token("resident"))
                .exchange().expectStatus().isForbidden();
        http().post().uri("/api/v1/devices/cam-04/credentials").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isForbidden();
    }
}
