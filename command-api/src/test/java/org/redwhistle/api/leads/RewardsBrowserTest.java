package org.redwhistle.api.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * Leads to rewards in a real Chromium (dashboard-web/e2e/rewards.e2e.mjs): patrol1's lead checked valid by the police,
 * its arrest recorded and a reward proposed; the station's leader approves it and sees the fund's balance go down by it;
 * a reward beyond the balance (prepared here over REST) is refused with the database's figures; the dashboard's
 * 平安联盟 panel. Screenshots: command-api/target/screenshots/rewards-*.png.
 */
class RewardsBrowserTest extends IntegrationTest {

    private long post(String user, String path, Object body, String field) {
        byte[] r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(r).path(field).asLong();
    }

    @Test
    void aLeadIsRewardedAndPaidAndAnOverdrawIsRefused() throws Exception {
        long lead = post("patrol1", "/api/v1/members/me/leads", Map.of("lon", 119.1240, "lat", 36.7040, "text", "车棚里有人逐辆拉拽电动车车锁（浏览器测试）"),
                "leadId");
        long other = post("patrol2", "/api/v1/members/me/leads", Map.of("lon", 119.1242, "lat", 36.7042, "text", "工地夜间有人翻墙搬运钢筋（浏览器测试）"),
                "leadId");
        post("police", "/api/v1/leads/" + other + "/review", Map.of("status", "VALID", "note", "属实"), "id");
        BigDecimal balance = getJson("/api/v1/rewards/fund", "police").path("balanceYuan").decimalValue();
        long over = post("police", "/api/v1/rewards", Map.of("leadId", other, "amountYuan", balance.add(new BigDecimal("5000")), "reason", "超出余额的奖励"), "id");
        String output = BrowserScript.run("rewards.e2e.mjs", port, "rewards-e2e.log", Duration.ofMinutes(4),
                Map.of("RW_E2E_LEAD", String.valueOf(lead), "RW_E2E_OVER_REWARD", String.valueOf(over)));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ rewards flow done");
        for (String name : new String[] {"rewards-police-lead.png", "rewards-leader-approved.png", "rewards-fund.png", "rewards-overdraw-refused.png",
            "rewards-dashboard-panel.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
