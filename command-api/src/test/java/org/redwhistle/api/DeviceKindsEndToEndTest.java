package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * The two kinds added as files (video_intercom, face_gate) end to end: the demo village's intercoms
 * and face gates are registered, listed and described with their labels and icons; an intercom's
 * forced door, tailgating and long-held door raise the alarms their kind file declares (a briefly
 * held door does not); a face gate's passage and its snapshot are stored; open_door goes to an intercom.
 */
class DeviceKindsEndToEndTest extends IntegrationTest {

    @Test
    void theKindsAreDescribedWithLabelsEventsIconsAndAlarmsForThoseWhoReadDevices() {
        JsonNode kinds = getJson("/api/v1/device-kinds", "operator").path("items");
        assertThat(kinds.valueStream().map(k -> k.path("kind").asText())).containsExactly("access_gate", "camera", "face_gate",
                "patrol_terminal", "perimeter_alarm", "video_intercom");
        JsonNode intercom = kinds.valueStream().filter(k -> k.path("kind").asText().equals("video_intercom")).findFirst().orElseThrow();
        assertThat(intercom.path("label").asText()).isEqualTo("单元楼宇门可视对讲");
        assertThat(intercom.path("mobile").asBoolean()).isFalse();
        assertThat(intercom.path("iconSvg").asText()).startsWith("<svg");
        assertThat(intercom.path("events").valueStream().map(e -> e.path("type").asText() + "=" + e.path("label").asText()))
                .contains("intercom.call=访客呼叫", "intercom.door_opened=单元门开启", "intercom.forced=单元门被强行打开", "device.heartbeat=设备心跳");
        assertThat(intercom.path("commands").get(0).path("command").asText()).isEqualTo("open_door");
        assertThat(intercom.path("commands").get(0).path("label").asText()).isEqualTo("远程开门");
        assertThat(intercom.path("alarms").valueStream().map(a -> a.path("severity").asText() + " " + a.path("title").asText()
                + (a.path("when").isNull() ? "" : " when " + a.path("when").asText())))
                .containsExactly("HIGH 单元门被强行打开", "MEDIUM 单元门尾随进入", "MEDIUM 单元门长时间未关 when openSeconds ≥ 120");
        assertThat(intercom.path("attributes").propertyNames()).containsExactly("building", "unit");
        JsonNode face = kinds.valueStream().filter(k -> k.path("kind").asText().equals("face_gate")).findFirst().orElseThrow();
        assertThat(face.path("label").asText()).isEqualTo("主路口人脸识别");
        assertThat(face.path("snapshots").asBoolean()).isTrue();

        // an integrator reads them too (to know what to build); a grid worker reads no devices
        assertThat(getJson("/api/v1/device-kinds", "integrator").path("items").size()).isEqualTo(6);
        http().get().uri("/api/v1/device-kinds").header("Authorization", "Bearer " + token("grid1")).exchange().expectStatus().isForbidden();
    }

    @Test
    void theDemoVillagesIntercomsAndFaceGatesAreListedByKind() {
        JsonNode intercoms = getJson("/api/v1/devices?kind=video_intercom", "operator").path("items");
        assertThat(intercoms.size()).isEqualTo(10);
        assertThat(intercoms.valueStream().map(d -> d.path("name").asText())).contains("3号楼2单元 楼宇门可视对讲");
        JsonNode faces = getJson("/api/v1/devices?kind=face_gate", "operator").path("items");
        assertThat(faces.valueStream().map(d -> d.path("name").asText())).containsExactlyInAnyOrder("北门主路口人脸识别",
                "南门主路口人脸识别", "中心十字路口人脸识别");
        // an operator of another community sees none of them
        assertThat(getJson("/api/v1/devices?kind=face_gate", "operator-kwm").path("items").size()).isZero();
        JsonNode refused = JSON.readTree(http().get().uri("/api/v1/devices?kind=toaster").header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
        assertThat(refused.toString()).contains("must be one of access_gate, camera, face_gate, patrol_terminal, perimeter_alarm, video_intercom");
    }

    @Test
    void anIntercomRaisesTheAlarmsItsKindFileDeclares() throws Exception {
        jdbc.sql("update alarm set status = 'RESOLVED' where device_id in ('intercom-06', 'intercom-07', 'intercom-08')").update();
        String forced = publish("intercom-06", "\"type\":\"intercom.forced\"");
        String briefly = publish("intercom-07", "\"type\":\"intercom.door_held\",\"openSeconds\":95");
        String long_ = publish("intercom-07", "\"type\":\"intercom.door_held\",\"openSeconds\":185");
        String tailgating = publish("intercom-08", "\"type\":\"intercom.tailgating\",\"count\":2");
        String call = publish("intercom-08", "\"type\":\"intercom.call\",\"callId\":\"c-1\",\"room\":\"4-2-502\",\"result\":\"missed\"");

        assertThat(alarm(forced)).isEqualTo(List.of("intercom.forced", "HIGH", "单元门被强行打开", "intercom-06"));
        assertThat(alarm(long_)).isEqualTo(List.of("intercom.door_held", "MEDIUM", "单元门长时间未关", "intercom-07"));
        assertThat(alarm(tailgating)).isEqualTo(List.of("intercom.tailgating", "MEDIUM", "单元门尾随进入", "intercom-08"));
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(call) && stored(briefly));
        assertThat(jdbc.sql("select count(*) from alarm where event_msg_id in (?, ?)").params(briefly, call).query(Long.class).single())
                .as("a door held 95 s and a missed call raise nothing").isZero();
        JsonNode shown = getJson("/api/v1/alarms?status=NEW", "operator").path("items").valueStream()
                .filter(a -> a.path("eventMsgId").asText().equals(forced)).findFirst().orElseThrow();
        assertThat(shown.path("deviceName").asText()).isEqualTo("3号楼2单元 楼宇门可视对讲");
        assertThat(shown.path("deviceKind").asText()).isEqualTo("video_intercom");
    }

    @Test
    void aFaceGatesPassageAndItsSnapshotAreStored() throws Exception {
        MqttClient gate = connectDevice("face-02");
        String msgId = Events.newMsgId();
        gate.publish("cc/v1/devices/face-02/events", ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"stranger\",\"confidence\":0.42}").getBytes(StandardCharsets.UTF_8), 1, false);
        MqttMessage m = new MqttMessage(jpeg());
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty("eventMsgId", msgId), new UserProperty("capturedAt", Events.now())));
        m.setProperties(p);
        gate.publish("cc/v1/devices/face-02/snapshots", m);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from snapshot where device_id = 'face-02' and event_msg_id = ?")
                .param(msgId).query(Long.class).single() == 1);
        assertThat(stored(msgId)).isTrue();
        // a template smuggled into a passage is refused and dead-lettered
        String smuggled = Events.newMsgId();
        gate.publish("cc/v1/devices/face-02/events", ("{\"msgId\":\"" + smuggled + "\",\"ts\":\"" + Events.now()
                + "\",\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"stranger\",\"confidence\":0.42,\"template\":\"AAEC\"}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("select count(*) from dead_letter where device_id = 'face-02' and convert_from(payload, 'UTF8') like ?")
                .param("%" + smuggled + "%").query(Long.class).single() == 1);
        assertThat(stored(smuggled)).isFalse();
        gate.disconnect();
        gate.close();
    }

    @Test
    void openDoorGoesToAnIntercomAndNowhereElse() {
        JsonNode sent = JSON.readTree(http().post().uri("/api/v1/devices/intercom-02/commands").header("Authorization", "Bearer " + token("operator"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("command", "open_door", "args", Map.of("room", "1-2-301", "reason", "民警处警")))
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody());
        assertThat(sent.path("command").asText()).isEqualTo("open_door");
        JsonNode wrong = JSON.readTree(http().post().uri("/api/v1/devices/gate-01/commands").header("Authorization", "Bearer " + token("operator"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("command", "open_door"))
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
        assertThat(wrong.toString()).contains("'open_door' is for video_intercom devices; gate-01 is a access_gate");
    }

    private String publish(String device, String fields) throws Exception {
        MqttClient d = connectDevice(device);
        String msgId = Events.newMsgId();
        d.publish("cc/v1/devices/" + device + "/events", ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + Events.now() + "\"," + fields + "}")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        d.disconnect();
        d.close();
        return msgId;
    }

    private boolean stored(String msgId) {
        return jdbc.sql("select count(*) from device_event where msg_id = ?").param(msgId).query(Long.class).single() == 1;
    }

    /** The alarm the event raised: type, severity, title, device. */
    private List<String> alarm(String msgId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where event_msg_id = ?")
                .param(msgId).query(Long.class).single() == 1);
        return jdbc.sql("select type, severity, title, device_id from alarm where event_msg_id = ?").param(msgId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).single();
    }

    private static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(90, 90, 90));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(225, 190, 160));
        g.fillOval(130, 60, 60, 75);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
