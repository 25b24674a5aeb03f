package org.redwhistle.api.intercoms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.redwhistle.devices.mqtt.MessageCallback;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * A building door's video intercom on the platform: its forced door is an alarm on the operators' board, its
 * calls and openings are listed in words for the device popup, and the operator's {@code open_door} reaches the
 * device and completes with its ack; the police, who may not command devices, are refused.
 */
class IntercomTest extends IntegrationTest {

    private String intercom() {
        String id = "intercom-t" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state, attributes)
                values (?, 'video_intercom', ?, '3号楼2单元可视对讲', (select id from area where code = '370705001003'),
                        st_setsrid(st_makepoint(119.1264, 36.7154), 4326), 'ACTIVE', '{"building":"3号楼","unit":"2单元"}')""")
                .params(id, "SN-" + id).update();
        return id;
    }

    private static byte[] event(String type, String fields) {
        return ("{\"msgId\":\"" + Events.newMsgId() + "\",\"ts\":\"" + Events.now() + "\",\"type\":\"" + type + "\"" + fields + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aForcedDoorIsAnAlarmAndTheDoorsActivityReadsInWords() throws Exception {
        String device = intercom();
        try (StompTestClient operator = StompTestClient.open(port)) {
            assertThat(operator.connect(token("operator-yuehe")).command()).isEqualTo("CONNECTED");
            operator.subscribe("a", "/topic/alarms");
            MqttClient door = connectDevice(device);
            door.publish("cc/v1/devices/" + device + "/events", event("intercom.call", ",\"callId\":\"c1\",\"room\":\"301\",\"result\":\"answered\",\"durationS\":25"), 1, false);
            door.publish("cc/v1/devices/" + device + "/events", event("intercom.door_opened", ",\"method\":\"remote\",\"room\":\"301\""), 1, false);
            door.publish("cc/v1/devices/" + device + "/events", event("intercom.forced", ""), 1, false);
            StompTestClient.Frame f = operator.await(x -> x.body().contains("\"deviceId\":\"" + device + "\""), Duration.ofSeconds(20));
            assertThat(f).isNotNull();
            JsonNode alarm = JSON.readTree(f.body());
            assertThat(alarm.path("type").asText()).isEqualTo("intercom.forced");
            assertThat(alarm.path("title").asText()).isEqualTo("单元门被强行打开");
            assertThat(alarm.path("deviceName").asText()).isEqualTo("3号楼2单元可视对讲");
            door.disconnect();
            door.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> getJson("/api/v1/intercoms/" + device + "/activity", "operator-yuehe").path("items").size() == 3);
        JsonNode items = getJson("/api/v1/intercoms/" + device + "/activity", "operator-yuehe").path("items");
        assertThat(items.findValuesAsString("text")).containsExactlyInAnyOrder("访客呼叫 301 室：已接听（通话 25 秒）", "住户远程开门（301 室）", "单元门被强行打开");
        assertThat(getJson("/api/v1/intercoms/" + device + "/activity", "police").path("deviceName").asText()).isEqualTo("3号楼2单元可视对讲");
        // not theirs: another street's operator; not an intercom: a camera
        http().get().uri("/api/v1/intercoms/" + device + "/activity").header("Authorization", "Bearer " + token("operator-dongguan")).exchange()
                .expectStatus().isNotFound();
        http().get().uri("/api/v1/intercoms/cam-01/activity").header("Authorization", "Bearer " + token("operator")).exchange().expectStatus()
                .isNotFound();
    }

    @Test
    void theOperatorOpensTheDoorRemotelyAndTheAckCompletesIt() throws Exception {
        String device = intercom();
        MqttClient door = connectDevice(device);
        CompletableFuture<JsonNode> received = new CompletableFuture<>();
        door.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.complete(JSON.readTree(message.getPayload()));
            }
        });
        door.subscribe("cc/v1/devices/" + device + "/commands", 1);

        http().post().uri("/api/v1/devices/" + device + "/commands").header("Authorization", "Bearer " + token("police"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("command", "open_door")).exchange().expectStatus().isForbidden();
        JsonNode sent = JSON.readTree(http().post().uri("/api/v1/devices/" + device + "/commands").header("Authorization", "Bearer " + token("operator-yuehe"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("command", "open_door", "args", Map.of("room", "301", "reason", "住户忘带门卡")))
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
        assertThat(sent.path("status").asText()).isEqualTo("SENT");
        JsonNode cmd = received.get(10, TimeUnit.SECONDS);
        assertThat(cmd.path("command").asText()).isEqualTo("open_door");
        assertThat(cmd.path("args").path("room").asText()).isEqualTo("301");
        door.publish("cc/v1/devices/" + device + "/commands/ack", ("{\"cmdId\":\"" + sent.path("cmdId").asText()
                + "\",\"result\":\"ok\",\"detail\":\"door unlocked\"}").getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> getJson("/api/v1/devices/" + device + "/commands", "operator-yuehe").path(0).path("status")
                .asText().equals("OK"));
        door.disconnect();
        door.close();
    }
}
