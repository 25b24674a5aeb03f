package org.redwhistle.api.faces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.Events;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

/**
 * A face gate's watchlist hit in a real Chromium (dashboard-web/e2e/faces.e2e.mjs): the police's dashboard shows
 * the face.watchlist alarm with the crossing's picture (list and map popup), the operator's does not, and the
 * police's 平安联盟工作台 lists the entry and the passage. Screenshots: command-api/target/screenshots/faces-*.png.
 */
class FaceBrowserTest extends IntegrationTest {

    @Test
    void thePolicesDashboardShowsTheFaceAlarmWithItsPicture() throws Exception {
        String gate = "face-e2e" + Events.newMsgId().substring(0, 6);
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                values (?, 'face_gate', ?, '浏览器测试北门路口人脸识别', (select id from area where code = '370705001003'),
                        st_setsrid(st_makepoint(119.1258, 36.7148), 4326), 'ACTIVE')""").params(gate, "SN-" + gate).update();
        String person = "WL-E2E" + Events.newMsgId().substring(0, 4);
        http().post().uri("/api/v1/face-watchlist").header("Authorization", "Bearer " + token("police")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("personId", person, "alias", "张某某", "reason", "盗窃嫌疑人")).exchange().expectStatus().isCreated();
        // the crossing's picture: a real frame of people walking (opencv-doc's vtest.avi) when the run cut them, else a drawn one
        String frames = System.getenv("RW_TEST_FRAMES_DIR");
        Path frame = frames == null ? null : Path.of(frames, "people", "vtest-0055.jpg");
        if (frame == null || !Files.exists(frame)) {
            frame = Files.createTempFile("face-e2e", ".jpg");
            Files.write(frame, FaceGateEndToEndTest.jpeg());
        }
        String[] c = deviceCredentials(gate);
        Map<String, String> env = new HashMap<>();
        env.put("RW_E2E_MQTT_URL", SERVICES.mqttUrl().replace("tcp://", "mqtt://"));
        env.put("GATE_ID", gate);
        env.put("GATE_USER", c[0]);
        env.put("GATE_PASSWORD", c[1]);
        env.put("GATE_CLIENT_ID", c[2]);
        env.put("RW_E2E_PERSON", person);
        env.put("RW_E2E_FACE_FRAME", frame.toString());
        try {
            String output = BrowserScript.run("faces.e2e.mjs", port, "faces-e2e.log", Duration.ofMinutes(4), env);
            assertThat(output).contains("✔ the police see the face alarm with its picture", "✔ the operator does not");
        } finally {
            jdbc.sql("update alarm set status = 'RESOLVED' where device_id = ?").param(gate).update();
        }
        for (String name : new String[] {"faces-police-alarm.png", "faces-operator-board.png", "faces-watchlist.png", "faces-passages.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
