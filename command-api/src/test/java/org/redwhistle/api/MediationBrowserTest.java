package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * 小调解 in a real Chromium (dashboard-web/e2e/mediation.e2e.mjs): a dispute opened by the household's 代办员
 * (agent-1, on a phone-width page) is escalated to the mediators (mediator), then to the legal adviser
 * (lawyer-1), who generates the agreement, downloads the PDF (it starts with %PDF) and signs it off; the
 * committee (committee-dongding) sees it settled beside the rosters and the 小事不出村 rate. The mediation team
 * is put into the registry first ({@link MediationFixture}). Screenshots: command-api/target/screenshots/mediation-*.png.
 */
class MediationBrowserTest extends IntegrationTest {

    @Test
    void aDisputeEscalatedToTheLegalAdviserEndsInAGeneratedAgreement() throws Exception {
        new MediationFixture(jdbc);
        String output = BrowserScript.run("mediation.e2e.mjs", port, "mediation-e2e.log", Duration.ofMinutes(4), Map.of());
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ mediation chain done");
        for (String name : new String[] {"mediation-agent-list.png", "mediation-agent.png", "mediation-mediator.png", "mediation-lawyer-agreement.png",
            "mediation-lawyer-signed.png", "mediation-committee.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
