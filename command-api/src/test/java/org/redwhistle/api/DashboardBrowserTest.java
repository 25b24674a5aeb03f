package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * The operator's dashboard in a real Chromium (playwright-core, dashboard-web/e2e): log in, wait
 * for the map to render and the live connection, trigger an intrusion from a device, see the alarm
 * appear in the list and on the map; a patrol terminal's fix reach the map's positions worker and be drawn; a camera verify a wall alarm with a real frame and the person boxed
 * on its picture; dispatch the street's police from the proposal dialog, follow each responder's state
 * and the timeline live, resolve in a dialog; every session titled and framed on its own unit, none left reconnecting; the leader's
 * district overview with its per-unit tables, drill-down, 批示 pushed live to the community's operator and the monthly report;
 * screenshots land in command-api/target/screenshots.
 */
class DashboardBrowserTest extends IntegrationTest {

    @Test
    void operatorSeesAnIntrusionAppearOnTheMapAndInTheAlarmList() throws Exception {
        String[] device = deviceCredentials("wall-04");
        String[] camera = deviceCredentials("cam-05");
        // a patrol terminal of the browser test's own, whose fixes the dashboard must draw live
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                select 'patrol-e2e', 'patrol_terminal', 'SN-PATROL-E2E', '浏览器测试终端', id, st_setsrid(st_makepoint(119.1240, 36.7030), 4326), 'ACTIVE'
                  from area where code = '370705001001'
                on conflict do nothing""").update();
        String[] terminal = deviceCredentials("patrol-e2e");
        // two walls of its own, each where the intrusion it reports happens (ingest places a wall alarm's event at the
        // wall when it says it happened elsewhere), with no alarm of other tests open to repeat
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                select v.id, 'perimeter_alarm', v.serial, v.name, a.id, st_setsrid(st_makepoint(v.lon, v.lat), 4326), 'ACTIVE'
                  from area a, (values ('wall-e2e-n', 'SN-WALL-E2E-N', '浏览器测试北墙', 119.1292, 36.7085),
                                       ('wall-e2e-e', 'SN-WALL-E2E-E', '浏览器测试东墙', 119.1318, 36.7058)) v (id, serial, name, lon, lat)
                 where a.code = '370705001001'
                on conflict do nothing""").update();
        String[] northWall = deviceCredentials("wall-e2e-n");
        String[] eastWall = deviceCredentials("wall-e2e-e");
        String frames = System.getenv("RW_TEST_FRAMES_DIR");
        assertThat(frames).as("RW_TEST_FRAMES_DIR (scripts/test.sh cuts camera frames from opencv-doc)").isNotBlank();

        Map<String, String> env = new java.util.HashMap<>();
        env.put("RW_E2E_USER", "operator");
        env.put("RW_E2E_PATROL_USER", "patrol1");
        // an operator's access token about to expire: the page must renew it and keep its live feed without a gap
        env.put("RW_E2E_SHORT_TOKEN", tokenExpiringIn("operator", java.time.Duration.ofSeconds(45)));
        env.put("RW_E2E_SHORT_TOKEN_EXPIRES_MS", String.valueOf(System.currentTimeMillis() + 45_000));
        env.put("RW_E2E_MQTT_URL", SERVICES.mqttUrl().replace("tcp://", "mqtt://"));
        publishesAs(env, "DEVICE", "wall-04", device);
        publishesAs(env, "NORTH_WALL", "wall-e2e-n", northWall);
        publishesAs(env, "EAST_WALL", "wall-e2e-e", eastWall);
        publishesAs(env, "TERMINAL", "patrol-e2e", terminal);
        publishesAs(env, "CAMERA", "cam-05", camera);
        env.put("RW_E2E_PEOPLE_FRAME", Path.of(frames, "people", "vtest-0055.jpg").toString());
        try {
            BrowserScript.run("dashboard.e2e.mjs", port, "dashboard-e2e.log", Duration.ofMinutes(6), env);
        } finally {
            // the verified alarm was CRITICAL, so auto-dispatched: give the members back to the other tests
            jdbc.sql("select id from alarm where zone_id in ('SHY-E2E-V', 'SHY-E2E-D') and status not in ('RESOLVED', 'FALSE_ALARM')")
                    .query(Long.class).list().forEach(id -> resolveAlarm(id, "浏览器测试结束"));
        }
        for (String name : new String[] {"dashboard-alarm.png", "patrol-alert.png", "dashboard-on-scene.png", "dashboard-verified.png",
            "dashboard-resident.png", "dashboard-integrator.png", "dashboard-dispatch-dialog.png", "dashboard-responders.png",
            "dashboard-resolve-dialog.png", "dashboard-resolved.png", "dashboard-department.png", "dashboard-grid-worker.png",
            "dashboard-leader-overview.png", "dashboard-leader-instruct.png", "dashboard-operator-instruction.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }

    /** A device the browser test publishes as: RW_E2E_{prefix}_ID, _USER, _PASSWORD and _CLIENT_ID. */
    private static void publishesAs(Map<String, String> env, String prefix, String id, String[] credentials) {
        env.put("RW_E2E_" + prefix + "_ID", id);
        env.put("RW_E2E_" + prefix + "_USER", credentials[0]);
        env.put("RW_E2E_" + prefix + "_PASSWORD", credentials[1]);
        env.put("RW_E2E_" + prefix + "_CLIENT_ID", credentials[2]);
    }
}
