package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.tours.internal.Tours;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * 夜间巡更: a round's checkpoints visited by a scan (patrol.checkpoint from the terminal the member
 * carries), by GPS proximity from the phone and, late, from the terminal; the round report says so,
 * and late or missed checkpoints raise alarms. Rounds lie in the recent past so no test waits for
 * a clock: the tour is dated back before its rounds are evaluated.
 */
class GuardTourTest extends IntegrationTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    Tours tours;

    private static final double[] A = {119.1245, 36.7088}, B = {119.1318, 36.7060}, C = {119.1275, 36.7002};

    @Test
    void aRoundReportsScansGpsVisitsLateAndMissedCheckpointsAndRaisesAlarms() throws Exception {
        LocalTime nowChina = LocalTime.now(CHINA).truncatedTo(ChronoUnit.MINUTES);
        // a window from 40 min ago to 40 min ahead, a round every 10 minutes, 5 minutes each
        long memberId = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol1'").query(Long.class).single();
        long areaId = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        JsonNode created = JSON.readTree(http().post().uri("/api/v1/tours").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("code", "T-NIGHT", "name", "测试巡更", "areaId", areaId, "windowFrom", nowChina.minusMinutes(40).toString(),
                        "windowTo", nowChina.plusMinutes(40).toString(), "intervalMin", 10, "roundMin", 5, "radiusM", 25, "memberId", memberId,
                        "checkpoints", List.of(Map.of("code", "T-A", "name", "北门", "lon", A[0], "lat", A[1]),
                                Map.of("code", "T-B", "name", "东墙", "lon", B[0], "lat", B[1]),
                                Map.of("code", "T-C", "name", "南门", "lon", C[0], "lat", C[1]))))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        long tourId = created.path("id").asLong();

        // round R started 30 minutes ago (China time), R2 ten minutes later
        Instant r = nowChina.minusMinutes(30).atDate(java.time.LocalDate.now(CHINA)).atZone(CHINA).toInstant();
        if (r.isAfter(Instant.now())) {
            r = r.minus(Duration.ofDays(1)); // shortly after midnight
        }
        Instant r2 = r.plus(Duration.ofMinutes(10));
        MqttClient terminal = connectDevice("patrol-01");
        try {
            // R: A scanned at +1 min, B reached by phone at +2 min, C reached by the terminal at +7 min (after the 5-minute round: late)
            terminal.publish("cc/v1/devices/patrol-01/events", ("{\"msgId\":\"tour-a-" + r.toEpochMilli() + "\",\"ts\":\"" + iso(r.plusSeconds(60))
                    + "\",\"type\":\"patrol.checkpoint\",\"checkpointId\":\"T-A\"}").getBytes(StandardCharsets.UTF_8), 1, false);
            http().post().uri("/api/v1/members/me/position").header("Authorization", "Bearer " + token("patrol1"))
                    .bodyValue(Map.of("lon", B[0] + 0.0001, "lat", B[1], "ts", iso(r.plusSeconds(120)))).exchange().expectStatus().isOk();
            terminal.publish("cc/v1/devices/patrol-01/telemetry", ("{\"ts\":\"" + iso(r.plusSeconds(420)) + "\",\"type\":\"position\",\"lon\":" + C[0]
                    + ",\"lat\":" + C[1] + "}").getBytes(StandardCharsets.UTF_8), 1, false);
            // R2: only A
            terminal.publish("cc/v1/devices/patrol-01/events", ("{\"msgId\":\"tour-a2-" + r.toEpochMilli() + "\",\"ts\":\"" + iso(r2.plusSeconds(60))
                    + "\",\"type\":\"patrol.checkpoint\",\"checkpointId\":\"T-A\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        } finally {
            terminal.disconnect();
            terminal.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from tour_visit where tour_id = ?").param(tourId)
                .query(Long.class).single() == 4L);

        // date the tour back so its past rounds count, and evaluate now
        jdbc.sql("update tour set created_at = now() - interval '2 hours' where id = ?").param(tourId).update();
        tours.reload();
        tours.evaluateDueRounds();

        JsonNode rounds = getJson("/api/v1/tours/" + tourId + "/rounds?from=" + r.minusSeconds(1) + "&to=" + r2.plusSeconds(1), "operator")
                .path("rounds");
        assertThat(rounds).hasSize(2);
        JsonNode first = rounds.get(0);
        assertThat(first.path("evaluated").asBoolean()).isTrue();
        assertThat(first.path("report").path("lines").valueStream().map(l -> l.path("status").asText() + "/" + l.path("method").asText()))
                .containsExactly("ON_TIME/SCAN", "ON_TIME/GPS", "LATE/GPS");
        assertThat(first.path("report").path("complete").asBoolean()).isFalse();
        long lateAlarm = first.path("alarmId").asLong();
        assertThat(jdbc.sql("select type || ' ' || title from alarm where id = ?").param(lateAlarm).query(String.class).single())
                .startsWith("tour.late 巡更异常：测试巡更").contains("超时：南门");

        JsonNode second = rounds.get(1);
        assertThat(second.path("report").path("lines").valueStream().map(l -> l.path("status").asText()))
                .containsExactly("ON_TIME", "MISSED", "MISSED");
        assertThat(jdbc.sql("select type || ' ' || title from alarm where id = ?").param(second.path("alarmId").asLong()).query(String.class).single())
                .startsWith("tour.missed").contains("漏检：东墙、南门");

        // evaluated once: a second pass raises nothing new
        long before = jdbc.sql("select count(*) from alarm where zone_id = 'T-NIGHT'").query(Long.class).single();
        tours.evaluateDueRounds();
        assertThat(jdbc.sql("select count(*) from alarm where zone_id = 'T-NIGHT'").query(Long.class).single()).isEqualTo(before);

        assertThat(getJson("/api/v1/tours", "operator").path("items").valueStream().map(t -> t.path("code").asText())).contains("T-NIGHT");
        assertThat(getJson("/api/v1/tours", "operator-kwm").path("items").valueStream().map(t -> t.path("code").asText())).doesNotContain("T-NIGHT");
    }

    @Test
    void badToursAreRefusedWithTheField() {
        long areaId = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        Map<String, Object> base = Map.of("code", "T-BAD", "name", "x", "areaId", areaId, "windowFrom", "22:00", "windowTo", "06:00",
                "checkpoints", List.of(Map.of("code", "P", "lon", 119.12, "lat", 36.70)));
        for (Object[] bad : new Object[][] {{"windowFrom", "10pm", "windowFrom"}, {"roundMin", 180, "roundMin"}, {"checkpoints", List.of(), "checkpoints"},
            {"radiusM", 5000, "radiusM"}, {"days", List.of(8), "days"}}) {
            Map<String, Object> body = new java.util.HashMap<>(base);
            body.put((String) bad[0], bad[1]);
            http().post().uri("/api/v1/tours").header("Authorization", "Bearer " + token("operator")).bodyValue(body).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[2]);
        }
        http().post().uri("/api/v1/tours").header("Authorization", "Bearer " + token("patrol1")).bodyValue(base).exchange().expectStatus().isForbidden();
    }

    private static String iso(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.ofHours(8)).toString();
    }
}
