package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

/**
 * The grid workers' 我的诉求 on the patrol page (/patrol.html) in a real Chromium on a 390×844 phone
 * viewport (playwright-core, dashboard-web/e2e/grid.e2e.mjs): a resident's request assigned to
 * {@code grid1} while their phone is open is announced and listed with its deadline; its detail has
 * the map, the distance and an Amap 导航 link in GCJ-02; the report goes with a photo from the camera
 * input and the case shows 已处置，待评价; {@code grid2} never sees it. Screenshots land in
 * command-api/target/screenshots (grid-*.png).
 */
class GridWorkerBrowserTest extends IntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots").toAbsolutePath();

    @Test
    void aGridWorkerIsToldOfANewCaseNavigatesToItAndReportsItWithAPhoto() throws Exception {
        Path web = Path.of("..", "dashboard-web").toAbsolutePath().normalize();
        Path log = Path.of("target", "reports", "grid-e2e.log").toAbsolutePath();
        Path photo = Path.of("src", "test", "resources", "photos", "scene-lossy.webp").toAbsolutePath();
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", "e2e/grid.e2e.mjs")
                .directory(web.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("RW_E2E_BASE_URL", "http://127.0.0.1:" + port);
        env.put("RW_E2E_PASSWORD", SERVICES.demoPassword());
        env.put("RW_E2E_OPERATOR", "operator");
        env.put("RW_E2E_RESIDENT", "resident");
        env.put("RW_E2E_GRID_WORKER", "grid1");
        env.put("RW_E2E_GRID_WORKER_2", "grid2");
        env.put("RW_E2E_PATROL", "patrol1");
        env.put("RW_E2E_PHOTO", photo.toString());
        env.put("RW_E2E_SCREENSHOTS", SCREENSHOTS.toString());
        env.put("RW_E2E_CHROMIUM", System.getenv().getOrDefault("RW_TEST_CHROMIUM", "/usr/bin/chromium"));
        Process p = pb.start();
        boolean finished = p.waitFor(4, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("browser test finished in time:\n" + output).isTrue();
        assertThat(p.exitValue()).as("browser test output:\n" + output).isZero();
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ a grid worker");
        for (String name : new String[] {"grid-list.png", "grid-detail.png", "grid-report.png", "grid-reported.png", "grid-list-after.png",
            "grid2-list.png"}) {
            File shot = SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
