package org.redwhistle.api.fivesteps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * 五事工作法 in a real Chromium (dashboard-web/e2e/fivesteps.e2e.mjs): a resident raises a matter on the
 * residents' page (phone viewport); the committee of 松鹤园社区 deliberates it, adds an option with its cost,
 * holds the residents' meeting whose members are the registry's households, records the votes and has the
 * system count them, and assigns tasks on the village page; 区住建局 (dept-housing) follows the dashboard's
 * link to its tasks and reports its task; the committee accepts and completes; the resident evaluates.
 * Screenshots in command-api/target/screenshots (fs-*.png).
 */
class FiveStepsBrowserTest extends IntegrationTest {

    @Test
    void aMatterGoesThroughTheFiveStepsInTheBrowser() throws Exception {
        RegistryRows.songheyuanHouseholds(jdbc);
        String output = BrowserScript.run("fivesteps.e2e.mjs", port, "fivesteps-e2e.log", Duration.ofMinutes(4), Map.of("RW_E2E_RESIDENT",
                "13800000001", "RW_E2E_COMMITTEE", "committee", "RW_E2E_DEPARTMENT", "dept-housing"));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ a resident raises a matter");
        for (String name : new String[] {"fs-resident-raised.png", "fs-committee-votes.png", "fs-committee-resolved.png", "fs-committee-tasks.png",
            "fs-dept-reported.png", "fs-resident-evaluated.png", "fs-resident-record.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
