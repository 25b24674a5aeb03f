package org.redwhistle.api.recordings.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * 录像查询 in a real Chromium (dashboard-web/e2e/recordings.e2e.mjs): opened from an alarm, the alarm's clip (recorded
 * from the test camera's stream, 4 s before to 4 s after) plays back and its time advances; a search by the place and
 * the last minutes finds the camera with its segments, and a click plays them. Screenshots:
 * command-api/target/screenshots/recordings-*.png.
 */
class RecordingsBrowserTest extends IntegrationTest {

    @Test
    void anAlarmsClipPlaysBackAndASearchByPlaceAndTimeFindsTheSegment() throws Exception {
        CameraStreamFixture.ensureRecording(jdbc);
        long alarm = raiseIntrusion(CameraStreamFixture.WALL, "REC-E2E", CameraStreamFixture.LON, CameraStreamFixture.WALL_LAT);
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> "READY".equals(jdbc.sql(
                "select status from alarm_clip where alarm_id = ? and camera_id = ?").params(alarm, CameraStreamFixture.CAM)
                .query(String.class).optional().orElse(null)));
        try {
            String output = BrowserScript.run("recordings.e2e.mjs", port, "recordings-e2e.log", Duration.ofMinutes(4),
                    Map.of("RW_E2E_ALARM", String.valueOf(alarm), "RW_E2E_CAMERA", CameraStreamFixture.CAM,
                            "RW_E2E_LON", String.valueOf(CameraStreamFixture.LON), "RW_E2E_LAT", String.valueOf(CameraStreamFixture.WALL_LAT)));
            assertThat(output).contains("✔ the dashboard's alarm links to its recordings", "✔ the alarm's clip plays back",
                    "✔ search by place and time finds the segment");
        } finally {
            resolveAlarm(alarm, "录像浏览器测试完毕");
        }
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 'operator' and action = 'recording.playback' and entity_id = ?")
                .param(CameraStreamFixture.CAM).query(Long.class).single()).as("both playbacks audited").isGreaterThanOrEqualTo(2);
        for (String name : new String[] {"recordings-alarm-clip.png", "recordings-search.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
