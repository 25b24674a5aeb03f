package org.redwhistle.api.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * A face gate's watchlist hit, end to end: the gate publishes a real {@code face.passage} (match=watchlist) and its
 * snapshot to the broker, in either order; a {@code face.watchlist} alarm with the picture reaches the police's
 * board live, and neither the operators' board nor their REST lists nor the picture reach the operator. An id not
 * on the platform's list raises nothing. The passages list is the police's; retention deletes old passages and
 * their snapshots but keeps those of alarms.
 */
class FaceGateEndToEndTest extends IntegrationTest {

    @Autowired
    PassageRetention retention;

    /** A face gate of this test alone, in 月河社区 (广文街道; not in the demo village, whose devices other tests count). */
    private String faceGate() {
        String id = "face-t" + Events.newMsgId().substring(0, 8);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values (?, 'face_gate', ?, '测试路口人脸识别', (select id from area where code = '370705001003'), st_setsrid(st_makepoint(119.1262, 36.7152), 4326), 'ACTIVE')""")
                .params(id, "SN-" + id).update();
        return id;
    }

    private String watch(String alias, String reason) {
        String person = "WL-T" + Events.newMsgId().substring(0, 6);
        http().post().uri("/api/v1/face-watchlist").header("Authorization", "Bearer " + token("police")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("personId", person, "alias", alias, "reason", reason)).exchange().expectStatus().isCreated();
        return person;
    }

    private static byte[] passage(String msgId, String ts, String match, String personId) {
        return ("{\"msgId\":\"" + msgId + "\",\"ts\":\"" + ts + "\",\"type\":\"face.passage\",\"direction\":\"in\",\"match\":\"" + match + "\""
                + (personId == null ? "" : ",\"personId\":\"" + personId + "\"") + ",\"confidence\":0.93}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] jpeg() throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 30, 40));
        g.fillRect(0, 0, 320, 240);
        g.setColor(new Color(220, 190, 160));
        g.fillOval(120, 60, 80, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }

    private static void snapshot(MqttClient gate, String device, String eventMsgId) throws Exception {
        MqttMessage m = new MqttMessage(jpeg());
        m.setQos(1);
        MqttProperties p = new MqttProperties();
        p.setUserProperties(List.of(new UserProperty("eventMsgId", eventMsgId), new UserProperty("capturedAt", Events.now())));
        m.setProperties(p);
        gate.publish("cc/v1/devices/" + device + "/snapshots", m);
    }

    private int status(String path, String user) {
        return http().get().uri(path).header("Authorization", "Bearer " + token(user)).exchange().returnResult(byte[].class).getStatus().value();
    }

    @Test
    void aWatchlistHitReachesThePoliceLiveWithItsPictureAndNotTheOperators() throws Exception {
        String device = faceGate();
        String person = watch("张某某", "盗窃嫌疑人");
        try (StompTestClient police = StompTestClient.open(port); StompTestClient operator = StompTestClient.open(port)) {
            assertThat(police.connect(token("police")).command()).isEqualTo("CONNECTED");
            assertThat(operator.connect(token("operator-yuehe")).command()).isEqualTo("CONNECTED");
            assertThat(police.subscribe("a", "/topic/alarms").command()).isEqualTo("RECEIPT");
            assertThat(operator.subscribe("a", "/topic/alarms").command()).isEqualTo("RECEIPT");

            MqttClient gate = connectDevice(device);
            String msgId = Events.newMsgId();
            gate.publish("cc/v1/devices/" + device + "/events", passage(msgId, Events.now(), "watchlist", person), 1, false);
            StompTestClient.Frame first = police.await(f -> f.command().equals("MESSAGE") && f.body().contains(msgId), Duration.ofSeconds(20));
            assertThat(first).as("the police's board gets the alarm").isNotNull();
            JsonNode alarm = JSON.readTree(first.body());
            assertThat(alarm.path("type").asText()).isEqualTo("face.watchlist");
            assertThat(alarm.path("severity").asText()).isEqualTo("HIGH");
            assertThat(alarm.path("title").asText()).isEqualTo("人脸布控人员通行：张某某（盗窃嫌疑人）");
            assertThat(alarm.path("deviceKind").asText()).isEqualTo("face_gate");
            assertThat(alarm.path("snapshots").size()).isZero();
            long id = alarm.path("id").asLong();
            // the picture comes after the alarm was raised: the board gets the alarm again, with it
            snapshot(gate, device, msgId);
            StompTestClient.Frame withPicture = police.await(
                    f -> f.body().contains(msgId) && JSON.readTree(f.body()).path("snapshots").size() == 1, Duration.ofSeconds(20));
            assertThat(withPicture).as("the police's board gets the alarm with its picture").isNotNull();
            assertThat(JSON.readTree(withPicture.body()).path("version").asLong()).isGreaterThan(alarm.path("version").asLong());
            long snapshotId = JSON.readTree(withPicture.body()).path("snapshots").path(0).asLong();
            assertThat(jdbc.sql("select event_msg_id from snapshot where id = ?").param(snapshotId).query(String.class).single()).isEqualTo(msgId);

            // the police fetch the picture; the operator sees neither the alarm nor the face, live or over REST
            assertThat(status("/api/v1/snapshots/" + snapshotId + "/thumbnail", "police")).isEqualTo(200);
            assertThat(status("/api/v1/snapshots/" + snapshotId + "/image", "police-leader")).isEqualTo(200);
            assertThat(operator.nothingMatching(f -> f.body().contains(msgId), Duration.ofSeconds(2))).isTrue();
            assertThat(status("/api/v1/alarms/" + id, "operator-yuehe")).isEqualTo(404);
            assertThat(status("/api/v1/alarms/" + id, "admin")).isEqualTo(404);
            assertThat(getJson("/api/v1/alarms?limit=1000", "operator-yuehe").path("items").findValuesAsString("type")).doesNotContain("face.watchlist");
            assertThat(status("/api/v1/snapshots/" + snapshotId + "/thumbnail", "operator-yuehe")).isEqualTo(404);
            assertThat(getJson("/api/v1/snapshots?deviceId=" + device, "operator-yuehe").path("items").size()).isZero();
            assertThat(status("/api/v1/alarms/" + id, "police")).isEqualTo(200);
            assertThat(getJson("/api/v1/alarms?limit=1000", "police").path("items").findValuesAsString("eventMsgId")).contains(msgId);
            // the police of another street: not theirs
            assertThat(status("/api/v1/alarms/" + id, "police-dongguan")).isEqualTo(404);

            // the picture first, then the event: the alarm carries it from the start
            String second = Events.newMsgId();
            jdbc.sql("update alarm set status = 'RESOLVED' where id = ?").param(id).update();
            snapshot(gate, device, second);
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from snapshot where device_id = ? and event_msg_id = ?")
                    .params(device, second).query(Long.class).single() == 1);
            gate.publish("cc/v1/devices/" + device + "/events", passage(second, Events.now(), "watchlist", person), 1, false);
            StompTestClient.Frame early = police.await(f -> f.body().contains(second), Duration.ofSeconds(20));
            assertThat(early).isNotNull();
            assertThat(JSON.readTree(early.body()).path("snapshots").size()).isEqualTo(1);
            gate.disconnect();
            gate.close();
        }
    }

    @Test
    void aMatchNotOnThePlatformsListIsRecordedOnly() throws Exception {
        String device = faceGate();
        String ended = watch("李某", "走失老人");
        long entry = jdbc.sql("select id from face_watchlist where person_id = ?").param(ended).query(Long.class).single();
        http().delete().uri("/api/v1/face-watchlist/" + entry).header("Authorization", "Bearer " + token("police")).exchange().expectStatus().isOk();
        MqttClient gate = connectDevice(device);
        String unknown = Events.newMsgId();
        String noLonger = Events.newMsgId();
        String stranger = Events.newMsgId();
        gate.publish("cc/v1/devices/" + device + "/events", passage(unknown, Events.now(), "watchlist", "WL-NOT-LISTED"), 1, false);
        gate.publish("cc/v1/devices/" + device + "/events", passage(noLonger, Events.now(), "watchlist", ended), 1, false);
        gate.publish("cc/v1/devices/" + device + "/events", passage(stranger, Events.now(), "stranger", null), 1, false);
        snapshot(gate, device, stranger);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from device_event where device_id = ?").param(device)
                .query(Long.class).single() == 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from snapshot where device_id = ?").param(device)
                .query(Long.class).single() == 1);
        Thread.sleep(1500);
        assertThat(jdbc.sql("select count(*) from alarm where device_id = ?").param(device).query(Long.class).single()).isZero();
        gate.disconnect();
        gate.close();

        // the passages: the police's, newest first, pictures linked; the operator refused; another street's police see none
        JsonNode page = getJson("/api/v1/face-passages?device=" + device + "&limit=2", "police");
        assertThat(page.path("items").size()).isEqualTo(2);
        assertThat(page.path("nextCursor").isNull()).isFalse();
        JsonNode rest = getJson("/api/v1/face-passages?device=" + device + "&limit=2&cursor=" + page.path("nextCursor").asText(), "police");
        assertThat(rest.path("items").size()).isEqualTo(1);
        assertThat(rest.path("nextCursor").isNull()).isTrue();
        JsonNode strangers = getJson("/api/v1/face-passages?device=" + device + "&match=stranger", "police").path("items");
        assertThat(strangers.size()).isEqualTo(1);
        assertThat(strangers.path(0).path("matchLabel").asText()).isEqualTo("陌生人");
        assertThat(strangers.path(0).path("directionLabel").asText()).isEqualTo("进");
        assertThat(strangers.path(0).path("thumbnailUrl").asText()).startsWith("/api/v1/snapshots/");
        assertThat(status(strangers.path(0).path("thumbnailUrl").asText(), "police")).isEqualTo(200);
        assertThat(status(strangers.path(0).path("thumbnailUrl").asText(), "operator-yuehe")).isEqualTo(404);
        JsonNode watched = getJson("/api/v1/face-passages?device=" + device + "&match=watchlist", "police").path("items");
        assertThat(watched.findValuesAsString("personId")).contains("WL-NOT-LISTED", ended);
        assertThat(getJson("/api/v1/face-passages?device=" + device, "police-dongguan").path("items").size()).isZero();
        assertThat(status("/api/v1/face-passages?match=nobody", "police")).isEqualTo(400);
    }

    @Test
    void retentionDeletesOldPassagesAndTheirSnapshotsButKeepsThoseOfAlarms() throws Exception {
        String device = faceGate();
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(40));
        String plain = Events.newMsgId();
        String alarmed = Events.newMsgId();
        for (String msg : List.of(plain, alarmed)) {
            jdbc.sql("""
                    insert into device_event (device_id, msg_id, ts, type, location, payload)
                    values (?, ?, ?, 'face.passage', st_setsrid(st_makepoint(119.1262, 36.7152), 4326), cast(? as jsonb))""")
                    .params(device, msg, java.sql.Timestamp.from(old), "{\"direction\":\"out\",\"match\":\"stranger\",\"confidence\":0.8}").update();
        }
        long alarmId = jdbc.sql("""
                insert into alarm (type, severity, status, title, device_id, event_msg_id, location, first_seen_at, last_seen_at)
                values ('face.watchlist', 'HIGH', 'RESOLVED', '人脸布控人员通行：测试', ?, ?, st_setsrid(st_makepoint(119.1262, 36.7152), 4326), ?, ?)
                returning id""").params(device, alarmed, java.sql.Timestamp.from(old), java.sql.Timestamp.from(old)).query(Long.class).single();
        byte[] image = jpeg();
        for (String msg : List.of(plain, alarmed)) {
            jdbc.sql("""
                    insert into snapshot (device_id, captured_at, received_at, event_msg_id, alarm_id, width, height, bytes, image, thumbnail, expires_at)
                    values (?, ?, ?, ?, ?, 320, 240, ?, ?, ?, ?)""")
                    .params(device, java.sql.Timestamp.from(old), java.sql.Timestamp.from(old), msg, msg.equals(alarmed) ? alarmId : null, image.length,
                            image, image, java.sql.Timestamp.from(now.plus(Duration.ofDays(1)))).update();
        }

        // eleven days earlier, the passages were 29 days old: nothing goes
        retention.purge(now.minus(Duration.ofDays(11)));
        assertThat(count("device_event", device)).isEqualTo(2);
        assertThat(count("snapshot", device)).isEqualTo(2);

        // now they are 40 days old, past the 30 days' default: the plain one goes with its picture, the alarm's stays
        PassageRetention.Purged purged = retention.purge(now);
        assertThat(purged.passages()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select msg_id from device_event where device_id = ?").param(device).query(String.class).list()).containsExactly(alarmed);
        assertThat(jdbc.sql("select event_msg_id from snapshot where device_id = ?").param(device).query(String.class).list()).containsExactly(alarmed);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'face-passages.purged'").query(Long.class).single()).isPositive();
        // a second run finds nothing of this gate to do
        retention.purge(now);
        assertThat(count("device_event", device)).isEqualTo(1);
    }

    private long count(String table, String device) {
        return jdbc.sql("select count(*) from " + table + " where device_id = ?").param(device).query(Long.class).single();
    }
}
