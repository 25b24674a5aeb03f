package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.AppProcess;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.Faults;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.LoadBalancerProcess;
import org.redwhistle.testing.Reports;

/**
 * The operators' dashboard in Chromium through the repository's HAProxy configuration, in front of the
 * test's shared instance (rw-1, which ingests) and a second instance as its own process (rw-2): the
 * browser script (dashboard-web/e2e/failover.e2e.mjs) puts the page's live session on rw-2, SIGKILLs
 * rw-2, raises a wall alarm while the page is cut off and expects the page to say it is reconnecting,
 * reconnect through the balancer to rw-1, show the alarm it missed and receive the next one live.
 */
class LoadBalancedDashboardBrowserTest extends IntegrationTest {

    @Test
    void aDashboardWhoseInstanceIsKilledReconnectsThroughTheBalancerAndShowsWhatItMissed() throws Exception {
        // a wall of its own, where its intrusions happen, so that no other test's open alarm merges with them
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                select 'wall-lb-e2e', 'perimeter_alarm', 'SN-WALL-LB-E2E', '负载均衡测试东墙', id, st_setsrid(st_makepoint(119.1318, 36.7040), 4326), 'ACTIVE'
                  from area where code = '370705001001'
                on conflict do nothing""").update();
        String[] wall = deviceCredentials("wall-lb-e2e");
        Path dir = Path.of("target", "lb-browser-test");
        AppProcess second = new AppProcess(SERVICES, Faults.freePort(), "test-" + ProcessHandle.current().pid() + "-lbb", SERVICES.demoPassword(), dir)
                .set("redwhistle.demo.enabled", "false").set("redwhistle.mqtt.enabled", "false")
                .set("redwhistle.security.login.trusted-proxies", "127.0.0.1");
        int secondPort = Integer.parseInt(second.baseUrl().substring(second.baseUrl().lastIndexOf(':') + 1));
        second.start();
        try (LoadBalancerProcess lb = LoadBalancerProcess.start(Faults.freePort(), List.of(port, secondPort), dir)) {
            Map<String, String> env = new HashMap<>();
            env.put("RW_E2E_USER", "operator");
            env.put("RW_E2E_KILL_PID", String.valueOf(second.pid()));
            env.put("RW_E2E_MQTT_URL", SERVICES.mqttUrl().replace("tcp://", "mqtt://"));
            env.put("RW_E2E_WALL_ID", "wall-lb-e2e");
            env.put("RW_E2E_WALL_USER", wall[0]);
            env.put("RW_E2E_WALL_PASSWORD", wall[1]);
            env.put("RW_E2E_WALL_CLIENT_ID", wall[2]);
            String output = BrowserScript.run("failover.e2e.mjs", lb.port(), "failover-e2e.log", Duration.ofMinutes(4), env);
            output.lines().filter(l -> l.startsWith("dashboard through HAProxy:")).findFirst()
                    .ifPresent(l -> Reports.append("load-balancer.txt", l));
        } finally {
            second.stop();
        }
        for (String name : new String[] {"dashboard-failover-reconnecting.png", "dashboard-failover-resynced.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
