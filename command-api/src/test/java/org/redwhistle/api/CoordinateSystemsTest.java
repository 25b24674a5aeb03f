package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Stored in WGS-84, returned in whichever of WGS-84, GCJ-02 and BD-09 the client asks for. */
class CoordinateSystemsTest extends IntegrationTest {

    @Test
    void devicesAlarmsAndAreasComeBackInTheAskedSystem() throws Exception {
        JsonNode wgs = getJson("/api/v1/devices/gate-01", "operator");
        JsonNode gcj = getJson("/api/v1/devices/gate-01?crs=gcj02", "operator");
        ChineseCoordinates.LonLat expected = ChineseCoordinates.wgs84ToGcj02(wgs.path("lon").asDouble(), wgs.path("lat").asDouble());
        assertThat(gcj.path("lon").asDouble()).isCloseTo(expected.lon(), within(1e-9));
        assertThat(gcj.path("lat").asDouble()).isCloseTo(expected.lat(), within(1e-9));
        assertThat(getJson("/api/v1/devices?kind=access_gate&crs=bd09", "operator").path("items").valueStream()
                .filter(d -> d.path("id").asText().equals("gate-01")).findFirst().orElseThrow().path("lon").asDouble())
                .isCloseTo(ChineseCoordinates.wgs84ToBd09(wgs.path("lon").asDouble(), wgs.path("lat").asDouble()).lon(), within(1e-9));

        MqttClient wall = connectDevice("wall-02");
        String msgId = Events.newMsgId();
        wall.publish("cc/v1/devices/wall-02/events", Events.intrusion(msgId, Events.now(), 119.1203, 36.7055, "SHY-WEST")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        wall.disconnect();
        wall.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where device_id = 'wall-02' and status = 'NEW'")
                .query(Long.class).single() > 0);
        long id = jdbc.sql("select id from alarm where device_id = 'wall-02' order by id desc limit 1").query(Long.class).single();
        JsonNode a = getJson("/api/v1/alarms/" + id, "operator");
        JsonNode b = getJson("/api/v1/alarms/" + id + "?crs=bd09", "operator");
        ChineseCoordinates.LonLat bd = ChineseCoordinates.wgs84ToBd09(a.path("lon").asDouble(), a.path("lat").asDouble());
        assertThat(b.path("lon").asDouble()).isCloseTo(bd.lon(), within(1e-9));
        assertThat(b.path("lat").asDouble()).isCloseTo(bd.lat(), within(1e-9));

        JsonNode areas = getJson("/api/v1/areas", "operator");
        JsonNode shifted = getJson("/api/v1/areas?crs=gcj02", "operator");
        assertThat(shifted.path("crs").asText()).isEqualTo("gcj02");
        JsonNode p = areas.path("features").get(0).path("geometry").path("coordinates").get(0).get(0).get(0);
        JsonNode q = shifted.path("features").get(0).path("geometry").path("coordinates").get(0).get(0).get(0);
        ChineseCoordinates.LonLat g = ChineseCoordinates.wgs84ToGcj02(p.get(0).asDouble(), p.get(1).asDouble());
        assertThat(q.get(0).asDouble()).isCloseTo(g.lon(), within(1e-9));
        assertThat(q.get(1).asDouble()).isCloseTo(g.lat(), within(1e-9));
        http().get().uri("/api/v1/alarms?crs=mercator").header("Authorization", "Bearer " + token("operator")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("crs");
    }
}
