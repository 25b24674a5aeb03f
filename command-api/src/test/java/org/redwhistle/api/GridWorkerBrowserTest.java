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
 * The grid workers' 我的诉求 on the patrol page (/patrol.html) in a real Chromium on a 390×844 phone
 * viewport (playwright-core, dashboard-web/e2e/grid.e2e.mjs): a resident's request assigned to
 * {@code grid1} while their phone is open is announced and listed with its deadline; its detail has
 * the map, the distance and an Amap 导航 link in GCJ-02; the report goes with a photo from the camera
 * input and the case shows 已处置，待评价; {@code grid2} never sees it. Screenshots land in
 * command-api/target/screenshots (grid-*.png).
 */
class GridWorkerBrowserTest extends IntegrationTest {

    private static final Path SCREENSHOTS = BrowserScript.SCREENSHOTS;

    @Test
    void aGridWorkerIsToldOfANewCaseNavigatesToItAndReportsItWithAPhoto() throws Exception {
        Path photo = Path.of("src", "test", "resources", "photos", "scene-lossy.webp").toAbsolutePath();
        String output = BrowserScript.run("grid.e2e.mjs", port, "grid-e2e.log", Duration.ofMinutes(4), Map.of("RW_E2E_OPERATOR", "operator",
                "RW_E2E_RESIDENT", "resident", "RW_E2E_GRID_WORKER", "grid1", "RW_E2E_GRID_WORKER_2", "grid2", "RW_E2E_PATROL", "patrol1",
                "RW_E2E_PHOTO", photo.toString()));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ a grid worker");
        for (String name : new String[] {"grid-list.png", "grid-detail.png", "grid-report.png", "grid-reported.png", "grid-list-after.png",
            "grid2-list.png"}) {
            File shot = SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
