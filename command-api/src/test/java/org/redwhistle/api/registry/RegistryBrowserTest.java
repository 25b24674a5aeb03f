package org.redwhistle.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * The village page's 户籍台账 in a real Chromium (dashboard-web/e2e/registry.e2e.mjs): 东顶村's committee
 * finds 李's household and reveals a member's full data, checks a CSV with one bad row in a dry run
 * (the error table), imports it and opens the imported household; the grid worker of 第一网格 uses the
 * tab on a 390×844 phone. Screenshots: command-api/target/screenshots/registry-*.png.
 */
class RegistryBrowserTest extends IntegrationTest {

    @Test
    void theCommitteeImportsALedgerWithABadRowAndTheGridWorkerReadsTheirGridOnAPhone() throws Exception {
        String output = BrowserScript.run("registry.e2e.mjs", port, "registry-e2e.log", Duration.ofMinutes(4), Map.of());
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ the committee imports a ledger");
        for (String name : new String[] {"registry-list.png", "registry-household.png", "registry-import-dry.png", "registry-import.png",
            "registry-imported-household.png", "registry-phone.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
        assertThat(jdbc.sql("select count(*) from audit_log where actor = 'committee-dongding' and action = 'registry.person.revealed'")
                .query(Integer.class).single()).isPositive();
        assertThat(jdbc.sql("select count(*) from person p join household h on h.id = p.household_id where h.code = 'W-0001'")
                .query(Integer.class).single()).isEqualTo(2);
    }
}
