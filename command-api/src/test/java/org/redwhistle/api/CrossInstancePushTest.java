package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.push.internal.MqttPushRelay;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * Two instances on one database and one broker: the test's shared instance ("A") ingests device
 * traffic and serves REST; a second instance ("B") ingests nothing and only serves STOMP. Alarms,
 * positions and a dispatch alert raised on A reach B's sessions, still area-scoped.
 */
class CrossInstancePushTest extends IntegrationTest {

    @Test
    void alarmsPositionsAndAlertsRaisedOnOneInstanceReachSessionsOnAnother() throws Exception {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id = 'wall-02'").update();
        long patrol2 = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol2'").query(Long.class).single();
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol2")).bodyValue(Map.of("state", "available"))
                .exchange().expectStatus().isOk();
        try (ConfigurableApplicationContext b = startSecondInstance("b", Map.of())) {
            int portB = ((WebServerApplicationContext) b).getWebServer().getPort();
            MqttPushRelay relayB = b.getBean(MqttPushRelay.class);
            await().atMost(Duration.ofSeconds(20)).until(relayB::isConnected);
            try (StompTestClient ops = StompTestClient.open(portB); StompTestClient otherOps = StompTestClient.open(portB);
                    StompTestClient phone = StompTestClient.open(portB)) {
                ops.connect(token("operator"));
                ops.subscribe("a", "/topic/alarms");
                ops.subscribe("p", "/topic/positions");
                otherOps.connect(token("operator-kwm"));
                otherOps.subscribe("a", "/topic/alarms");
                otherOps.subscribe("p", "/topic/positions");
                phone.connect(token("patrol2"));
                phone.subscribe("q", "/user/queue/alerts");
                Thread.sleep(300); // B's relay subscription is confirmed; give the broker a moment for A's publications

                // an intrusion ingested by A
                MqttClient wall = connectDevice("wall-02");
                String msgId = Events.newMsgId();
                wall.publish("cc/v1/devices/wall-02/events",
                        Events.intrusion(msgId, Events.now(), 119.1318, 36.7040, "SHY-EAST").getBytes(StandardCharsets.UTF_8), 1, false);
                wall.disconnect();
                wall.close();
                StompTestClient.Frame alarm = ops.await(f -> f.command().equals("MESSAGE") && f.body().contains(msgId), Duration.ofSeconds(10));
                assertThat(alarm).as("the alarm raised on A is pushed to an operator connected to B").isNotNull();
                assertThat(alarm.header("destination")).isEqualTo("/topic/alarms");
                long alarmId = JSON.readTree(alarm.body()).path("id").asLong();

                // a patrol fix ingested by A
                MqttClient terminal = connectDevice("patrol-02");
                String fix = "{\"ts\":\"%s\",\"type\":\"position\",\"lon\":119.12777,\"lat\":36.7022}"
                        .formatted(OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0));
                terminal.publish("cc/v1/devices/patrol-02/telemetry", fix.getBytes(StandardCharsets.UTF_8), 1, false);
                terminal.disconnect();
                terminal.close();
                StompTestClient.Frame positions = ops.await(f -> f.command().equals("MESSAGE") && f.body().contains("119.12777"), Duration.ofSeconds(10));
                assertThat(positions).as("the position batch flushed on A reaches B").isNotNull();
                JsonNode batch = JSON.readTree(positions.body());
                assertThat(batch.isArray()).isTrue();
                assertThat(batch.valueStream().filter(p -> p.path(0).asText().equals("patrol-02")).count()).isEqualTo(1);

                // a dispatch made through A's REST API alerts the member on B
                post("/api/v1/alarms/" + alarmId + "/dispatch", Map.of("memberIds", List.of(patrol2)));
                StompTestClient.Frame alert = phone.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"alarmId\":" + alarmId),
                        Duration.ofSeconds(10));
                assertThat(alert).as("the dispatch alert reaches the member's phone on B").isNotNull();
                assertThat(alert.header("destination")).isEqualTo("/user/queue/alerts");

                // still area-scoped on B
                assertThat(otherOps.nothingMatching(f -> f.body().contains(msgId) || f.body().contains("119.12777"), Duration.ofSeconds(1))).isTrue();
            }
        }
    }

    private void post(String path, Object body) {
        http().post().uri(path).header("Authorization", "Bearer " + token("operator")).bodyValue(body).exchange().expectStatus().isOk();
    }
}
