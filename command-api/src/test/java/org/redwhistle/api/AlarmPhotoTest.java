package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.imageio.ImageIO;

import org.eclipse.paho.mqttv5.client.MqttClient;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/** A photo of the scene kept with the alarm: checked by its bytes, bounded in size, area-scoped, in the timeline. */
class AlarmPhotoTest extends IntegrationTest {

    private static byte[] image(String format) throws Exception {
        BufferedImage img = new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 60, 90));
        g.fillRect(0, 0, 320, 240);
        g.setColor(Color.ORANGE);
        g.fillOval(120, 60, 80, 140);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** An alarm of this test's own wall device (others' alarms from the same device would merge with it). */
    private long raise() throws Exception {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values ('wall-p1', 'perimeter_alarm', 'SN-WALL-P1', '测试围墙报警（照片）', ?, st_setsrid(st_makepoint(119.1318, 36.7062), 4326), 'ACTIVE')
                on conflict do nothing""").param(shy).update();
        MqttClient d = connectDevice("wall-p1");
        String msgId = Events.newMsgId();
        d.publish("cc/v1/devices/wall-p1/events", Events.intrusion(msgId, Events.now(), 119.1318, 36.7062, "SHY-EAST")
                .getBytes(StandardCharsets.UTF_8), 1, false);
        d.disconnect();
        d.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("select count(*) from alarm where event_msg_id = ?").param(msgId)
                .query(Long.class).single() == 1);
        return jdbc.sql("select id from alarm where event_msg_id = ?").param(msgId).query(Long.class).single();
    }

    private JsonNode upload(String user, long alarm, String type, byte[] body, int status) {
        var r = http().post().uri("/api/v1/alarms/" + alarm + "/photos").header("Authorization", "Bearer " + token(user))
                .contentType(MediaType.parseMediaType(type)).bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return JSON.readTree(r.getResponseBody());
    }

    @Test
    void aPhotoOfTheSceneIsKeptWithTheAlarmAndServedOnlyInsideItsArea() throws Exception {
        long alarm = raise();
        byte[] jpeg = image("jpg");
        JsonNode created = upload("operator", alarm, "image/jpeg", jpeg, 200);
        long photoId = created.path("id").asLong();
        assertThat(created.path("url").asText()).isEqualTo("/api/v1/alarms/" + alarm + "/photos/" + photoId);

        byte[] served = http().get().uri("/api/v1/alarms/" + alarm + "/photos/" + photoId).header("Authorization", "Bearer " + token("operator"))
                .exchange().expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_JPEG)
                .expectBody().returnResult().getResponseBody();
        assertThat(served).isEqualTo(jpeg);
        assertThat(getJson("/api/v1/alarms/" + alarm, "operator").path("photos").valueStream().map(JsonNode::asLong)).contains(photoId);
        assertThat(getJson("/api/v1/alarms/" + alarm + "/timeline", "operator").toString()).contains("现场照片 #" + photoId);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'alarm.photo' and entity_id = ? and detail->>'photoId' = ?").params(String.valueOf(alarm), String.valueOf(photoId))
                .query(Long.class).single()).isEqualTo(1L);

        // outside the alarm's area: neither the photo nor a new one
        http().get().uri("/api/v1/alarms/" + alarm + "/photos/" + photoId).header("Authorization", "Bearer " + token("operator-kwm"))
                .exchange().expectStatus().isNotFound();
        upload("operator-kwm", alarm, "image/jpeg", jpeg, 404);
        http().get().uri("/api/v1/alarms/" + alarm + "/photos/" + photoId).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aPhotoThatIsNotWhatItSaysOrTooLargeIsRefusedNamingWhy() throws Exception {
        long alarm = raise();
        long before = jdbc.sql("select count(*) from alarm_photo where alarm_id = ?").param(alarm).query(Long.class).single();
        assertThat(upload("operator", alarm, "text/plain", "hello".getBytes(StandardCharsets.UTF_8), 400)
                .path("errors").path(0).path("field").asText()).isEqualTo("Content-Type");
        JsonNode pngAsJpeg = upload("operator", alarm, "image/jpeg", image("png"), 400);
        assertThat(pngAsJpeg.path("errors").path(0).path("field").asText()).isEqualTo("photo");
        assertThat(pngAsJpeg.path("errors").path(0).path("message").asText()).contains("not a image/jpeg");
        // just over the limit: the server answers once it has read 5 MiB and closes; with a whole MiB still unsent the
        // client could see the connection close before it reads the answer (it did, once, on a loaded machine)
        byte[] huge = new byte[5 * 1024 * 1024 + 4096];
        huge[0] = (byte) 0xFF;
        huge[1] = (byte) 0xD8;
        huge[2] = (byte) 0xFF;
        assertThat(upload("operator", alarm, "image/jpeg", huge, 400).path("errors").path(0).path("message").asText()).contains("at most 5 MiB");
        assertThat(jdbc.sql("select count(*) from alarm_photo where alarm_id = ?").param(alarm).query(Long.class).single()).isEqualTo(before);
    }
}
