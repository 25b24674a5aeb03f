package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;

import tools.jackson.databind.JsonNode;

/** Patrol positions are stored for replay and pushed conflated (latest wins) inside the operator's area only. */
class PositionFeedTest extends IntegrationTest {

    @Test
    void aBurstOfFixesReachesOperatorsAsTheLatestPositionOnly() throws Exception {
        try (StompTestClient mine = StompTestClient.open(port); StompTestClient other = StompTestClient.open(port)) {
            mine.connect(token("operator"));
            mine.subscribe("p", "/topic/positions");
            other.connect(token("operator-kwm"));
            other.subscribe("p", "/topic/positions");

            MqttClient terminal = connectDevice("patrol-02");
            OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
            for (int i = 0; i < 10; i++) {
                String fix = "{\"ts\":\"%s\",\"type\":\"position\",\"lon\":%s,\"lat\":36.7022,\"speedMps\":1.2,\"battery\":70}"
                        .formatted(t0.plusSeconds(i), 119.1290 + i * 0.0001);
                terminal.publish("cc/v1/devices/patrol-02/telemetry", fix.getBytes(StandardCharsets.UTF_8), 1, false);
            }
            double lastLon = 119.1290 + 9 * 0.0001;
            List<JsonNode> received = new ArrayList<>();
            StompTestClient.Frame f;
            while ((f = mine.await(fr -> fr.command().equals("MESSAGE") && fr.body().contains("patrol-02"), Duration.ofSeconds(3))) != null) {
                JsonNode batch = JSON.readTree(f.body());
                assertThat(batch.isArray()).as("one frame per flush: an array of fixes").isTrue();
                List<JsonNode> mineOnly = batch.valueStream().filter(p -> p.path(0).asText().equals("patrol-02")).toList();
                assertThat(mineOnly).as("conflated: one fix per terminal per frame").hasSize(1);
                received.add(mineOnly.get(0));
                if (Math.abs(received.get(received.size() - 1).path(1).asDouble() - lastLon) < 1e-9) {
                    break;
                }
            }
            assertThat(received).isNotEmpty();
            JsonNode last = received.get(received.size() - 1);
            assertThat(last.path(1).asDouble()).isCloseTo(lastLon, within(1e-9));
            assertThat(last.path(2).asDouble()).isCloseTo(36.7022, within(1e-9));
            assertThat(last.path(3).asLong()).as("epoch ms of the fix").isEqualTo(t0.plusSeconds(9).toInstant().toEpochMilli());
            assertThat(received.size()).as("10 fixes conflated into fewer pushes").isLessThan(10);
            assertThat(other.nothingMatching(fr -> fr.body().contains("patrol-02"), Duration.ofSeconds(1))).isTrue();
            assertThat(jdbc.sql("select count(*) from device_position where device_id = 'patrol-02' and ts >= ?")
                    .param(t0).query(Long.class).single()).isEqualTo(10L);
            terminal.disconnect();
            terminal.close();

            // the same fixes replay as patrol2's track (the member of patrol-02)
            JsonNode track = getJson("/api/v1/tracks/patrol2?from=" + t0.minusSeconds(1).toInstant() + "&to=" + t0.plusSeconds(20).toInstant(), "operator");
            assertThat(track.path("geometry").path("type").asText()).isEqualTo("LineString");
            assertThat(track.path("properties").path("points").asInt()).isEqualTo(10);
            assertThat(track.path("geometry").path("coordinates").path(9).path(0).asDouble()).isCloseTo(lastLon, within(1e-9));
            http().get().uri("/api/v1/tracks/patrol2").header("Authorization", "Bearer " + token("operator-kwm"))
                    .exchange().expectStatus().isNotFound();
        }
    }

    @Test
    void aMembersPhoneFixIsPushedToTheOperatorsOfTheirAreaOnly() throws Exception {
        try (StompTestClient mine = StompTestClient.open(port); StompTestClient other = StompTestClient.open(port)) {
            mine.connect(token("operator"));
            mine.subscribe("p", "/topic/positions");
            other.connect(token("operator-kwm"));
            other.subscribe("p", "/topic/positions");
            long grid2 = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'grid2'").query(Long.class).single();
            http().post().uri("/api/v1/members/me/position").header("Authorization", "Bearer " + token("grid2"))
                    .bodyValue(java.util.Map.of("lon", 119.1288, "lat", 36.7071)).exchange().expectStatus().isOk();
            StompTestClient.Frame f = mine.await(fr -> fr.command().equals("MESSAGE") && fr.body().contains("[" + grid2 + ","), Duration.ofSeconds(5));
            assertThat(f).isNotNull();
            JsonNode body = JSON.readTree(f.body()).valueStream().filter(p -> p.path(0).isNumber() && p.path(0).asLong() == grid2)
                    .findFirst().orElseThrow();
            assertThat(body.path(1).asDouble()).isCloseTo(119.1288, within(1e-9));
            assertThat(body.path(2).asDouble()).isCloseTo(36.7071, within(1e-9));
            assertThat(body.path(4).asText()).as("a phone fix carries the member's name").isNotBlank();
            assertThat(other.nothingMatching(fr -> fr.body().contains("[" + grid2 + ","), Duration.ofSeconds(1))).isTrue();
        }
    }
}
