package org.redwhistle.api.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * 四议两公开 in a real Chromium (dashboard-web/e2e/decisions.e2e.mjs): 东顶村's committee takes a matter
 * through the four meetings on the village page, a skipped step and a meeting without quorum refused
 * with their reasons shown, publishes the resolution; the public board read without logging in, on
 * screen and in its A4 print layout. Screenshots: command-api/target/screenshots (decisions-*.png, board*.png).
 */
class DecisionsBrowserTest extends IntegrationTest {

    @Test
    void theCommitteeTakesAMatterThroughTheFourStepsAndTheBoardIsPublic() throws Exception {
        DongdingPeople.ensure(jdbc);
        String output = BrowserScript.run("decisions.e2e.mjs", port, "decisions-e2e.log", Duration.ofMinutes(4),
                Map.of("RW_E2E_COMMITTEE", "committee-dongding"));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ the committee takes a matter");
        for (String name : new String[] {"decisions-skip-refused.png", "decisions-quorum-refused.png", "decisions-published.png", "board.png",
            "board-print.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
