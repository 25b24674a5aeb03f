package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * 村务 on the residents' page in a real Chromium (dashboard-web/e2e/whistle-village.e2e.mjs), phone viewport:
 * the demo villager 李 (13810000001, household DD-0108 of 东顶村) reads his household and its 代办员, the
 * compact in force, his household's record (article 8 penalised under 39, restored under 41), and asks for
 * mediation, which is listed at his 代办员's level. Then the committee (over REST) confirms a violation by the
 * household of his neighbour 沈 (13810000002): 沈's page is alerted (村务 marked, the notice shown, 福利停发), and 沈
 * appeals it to mediation with the 申诉 button. Screenshots in command-api/target/screenshots (wv-*.png).
 */
class WhistleVillageBrowserTest extends IntegrationTest {

    @Test
    void aVillagerReadsHisRecordAndAsksForMediation() throws Exception {
        String output = BrowserScript.run("whistle-village.e2e.mjs", port, "whistle-village-e2e.log", Duration.ofMinutes(3),
                Map.of("RW_E2E_VILLAGER", "13810000001", "RW_E2E_NEIGHBOUR", "13810000002", "RW_E2E_COMMITTEE", "committee-dongding"));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ a villager reads his household")
                .contains("✔ a villager is alerted of a penalty");
        for (String name : new String[] {"wv-home.png", "wv-record.png", "wv-compact.png", "wv-ask.png", "wv-mediation.png", "wv-full.png",
            "wv-alerted.png", "wv-penalty.png", "wv-appealed.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
