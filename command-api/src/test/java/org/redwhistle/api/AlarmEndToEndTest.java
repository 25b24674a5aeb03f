package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Reports;
import org.redwhistle.testing.StompTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The walking skeleton: a device publishes a perimeter intrusion over MQTT with its own
 * credentials → ingest validates, stores and acknowledges it → an alarm is raised → operators get
 * it on STOMP /topic/alarms over the WebSocket and from GET /api/v1/alarms.
 */
class AlarmEndToEndTest extends IntegrationTest {

    @Test
    void intrusionFromADeviceReachesOperatorsOverStompAndRest() throws Exception {
        try (StompTestClient stomp = StompTestClient.open(port)) {
            assertThat(stomp.connect(token("operator")).command()).isEqualTo("CONNECTED");
            assertThat(stomp.subscribe("a1", "/topic/alarms").command()).isEqualTo("RECEIPT");

            MqttClient device = connectDevice("wall-01");
            String msgId = Events.newMsgId();
            long sent = System.nanoTime();
            device.publish("cc/v1/devices/wall-01/events",
                    Events.intrusion(msgId, Events.now(), 119.1318, 36.7060, "SHY-EAST").getBytes(StandardCharsets.UTF_8), 1, false);

            StompTestClient.Frame frame = stomp.await(f -> f.command().equals("MESSAGE") && f.body().contains(msgId), Duration.ofSeconds(20));
            assertThat(frame).as("alarm MESSAGE on /topic/alarms").isNotNull();
            double latencyMs = (frame.receivedAtNanos() - sent) / 1e6;
            Reports.append("e2e-latency.txt", String.format("publish→STOMP alarm latency (MQTT publish to STOMP MESSAGE, one alarm): %.1f ms", latencyMs));

            assertThat(frame.header("destination")).isEqualTo("/topic/alarms");
            assertThat(frame.header("subscription")).isEqualTo("a1");
            JsonNode alarm = JSON.readTree(frame.body());
            assertThat(alarm.path("deviceId").asText()).isEqualTo("wall-01");
            assertThat(alarm.path("type").asText()).isEqualTo("perimeter.intrusion");
            assertThat(alarm.path("severity").asText()).isEqualTo("HIGH");
            assertThat(alarm.path("status").asText()).isEqualTo("NEW");
            assertThat(alarm.path("zoneId").asText()).isEqualTo("SHY-EAST");
            assertThat(alarm.path("lon").asDouble()).isCloseTo(119.1318, within(1e-9));
            assertThat(alarm.path("lat").asDouble()).isCloseTo(36.7060, within(1e-9));
            assertThat(alarm.path("gridName").asText()).isEqualTo("第二网格（东北）");

            assertThat(jdbc.sql("select count(*) from device_event where device_id = 'wall-01' and msg_id = ?")
                    .param(msgId).query(Long.class).single()).isEqualTo(1L);

            JsonNode page = getJson("/api/v1/alarms?status=NEW", "operator");
            assertThat(page.path("items").valueStream().map(a -> a.path("eventMsgId").asText())).contains(msgId);
            long id = alarm.path("id").asLong();
            assertThat(getJson("/api/v1/alarms/" + id, "operator").path("deviceName").asText()).isEqualTo("东墙周界报警（A段）");
            device.disconnect();
            device.close();
        }
    }

    @Test
    void repeatsFromTheSameDeviceUpdateOneAlarmInsteadOfFlooding() throws Exception {
        try (StompTestClient stomp = StompTestClient.open(port)) {
            stomp.connect(token("operator"));
            stomp.subscribe("a1", "/topic/alarms");
            MqttClient device = connectDevice("wall-03");
            String first = Events.newMsgId();
            String second = Events.newMsgId();
            device.publish("cc/v1/devices/wall-03/events",
                    Events.intrusion(first, Events.now(), 119.1290, 36.7088, "SHY-NORTH").getBytes(StandardCharsets.UTF_8), 1, false);
            JsonNode a1 = JSON.readTree(stomp.await(f -> f.body().contains(first), Duration.ofSeconds(20)).body());
            device.publish("cc/v1/devices/wall-03/events",
                    Events.intrusion(second, Events.now(), 119.1290, 36.7088, "SHY-NORTH").getBytes(StandardCharsets.UTF_8), 1, false);
            JsonNode a2 = JSON.readTree(stomp.await(f -> f.body().contains(second), Duration.ofSeconds(20)).body());

            assertThat(a2.path("id").asLong()).isEqualTo(a1.path("id").asLong());
            assertThat(a2.path("count").asInt()).isEqualTo(a1.path("count").asInt() + 1);
            assertThat(a2.path("eventMsgId").asText()).as("the repeat's event").isEqualTo(second);
            assertThat(a2.path("deviceName").asText()).as("the pushed view is the joined one").isNotBlank();
            assertThat(a2.path("gridName").asText()).isEqualTo(a1.path("gridName").asText());
            // raising is audited once; a repeat is counted, not audited again
            assertThat(jdbc.sql("select detail->>'msgId' from audit_log where action = 'alarm.raised' and entity_id = ?")
                    .param(a1.path("id").asText()).query(String.class).list()).hasSize(1).doesNotContain(second);
            assertThat(jdbc.sql("select count, event_msg_id from alarm where id = ?").param(a1.path("id").asLong())
                    .query((rs, i) -> rs.getInt(1) + " " + rs.getString(2)).single()).isEqualTo(a2.path("count").asInt() + " " + second);
            device.disconnect();
            device.close();
        }
    }
}
