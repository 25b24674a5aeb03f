package org.redwhistle.api.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.CameraStreamsServer;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Reports;

/**
 * Live video in a real Chromium (dashboard-web/e2e/live.e2e.mjs): an intrusion on the north wall that the
 * demo's cam-06 and a test camera of its own see; the operator's video wall plays both live through the
 * relay, the frames advance, the latency is printed (and kept in target/reports/live-latency.txt); closing
 * the wall stops the relays; a click on the camera on the map opens its live view. Screenshots:
 * command-api/target/screenshots/live-*.png.
 */
class LiveBrowserTest extends IntegrationTest {

    @Test
    void anAlarmsVideoWallPlaysItsCamerasLive() throws Exception {
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state, attributes)
                select v.id, v.kind, v.serial, v.name, a.id, st_setsrid(st_makepoint(v.lon, v.lat), 4326), 'ACTIVE', cast(v.attrs as jsonb)
                  from area a, (values ('wall-live-e2e', 'perimeter_alarm', 'SN-WALL-LIVE-E2E', '直播测试北墙', 119.1290, 36.7088, '{}'),
                                       ('cam-live-e2e', 'camera', 'SN-CAM-LIVE-E2E', '直播测试摄像机', 119.12917, 36.7088,
                                        ?)) v (id, kind, serial, name, lon, lat, attrs)
                 where a.code = '370705001001'
                on conflict do nothing""")
                .param("{\"directionDeg\": 270, \"fovDeg\": 90, \"rangeM\": 120, \"streamUrl\": \"" + CameraStreamsServer.get().baseUrl() + "cam-live-e2e\"}")
                .update();
        long alarm = raiseIntrusion("wall-live-e2e", "SHY-NORTH", 119.1290, 36.7088);
        Map<String, String> env = new HashMap<>();
        env.put("RW_E2E_ALARM", String.valueOf(alarm));
        env.put("RW_E2E_CAMERAS", "cam-06,cam-live-e2e");
        env.put("RW_E2E_MAP_CAMERA_NAME", "直播测试摄像机");
        env.put("RW_E2E_SAMPLE_SECONDS", System.getProperty("rw.liveSampleSeconds", "20"));
        try {
            String output = BrowserScript.run("live.e2e.mjs", port, "live-e2e.log", Duration.ofMinutes(4), env);
            assertThat(output).contains("✔ the video wall plays cam-06, cam-live-e2e live", "✔ the wall closed",
                    "✔ a camera on the map opens its live view");
            String latency = output.lines().filter(l -> l.contains("latency ")).reduce("", (a, b) -> a + b.trim() + "\n");
            System.out.println(latency);
            Reports.append("live-latency.txt", latency);
        } finally {
            jdbc.sql("update alarm set status = 'RESOLVED' where device_id = 'wall-live-e2e'").update();
        }
        // the page released its leases: no relay is left running
        await().atMost(Duration.ofSeconds(15)).until(() -> getJson("/api/v1/live", "admin").path("relays").isEmpty());
        for (String name : new String[] {"live-video-wall.png", "live-camera-dialog.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
