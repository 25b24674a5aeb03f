package org.redwhistle.api.allianceduty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * The 平安联盟's duty in a real Chromium (dashboard-web/e2e/alliance-duty.e2e.mjs): a PATROL member of this test's own,
 * untrained, is listed among the untrained on the alliance's page; the police hold a 岗前培训 session and record the
 * member's pass, register a reflective vest and issue it to the member; then the member goes on duty (the gate lets
 * them), and patrol1 sees their own duty record on the patrol page. Screenshots: command-api/target/screenshots/alliance-duty-*.png.
 */
class AllianceDutyBrowserTest extends IntegrationTest {

    @Test
    void thePoliceRecordATrainingResultAndIssueAVest() throws Exception {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        String name = "平安联盟 浏（便利店店员）" + System.nanoTime() % 1000;
        long member = jdbc.sql("insert into member (name, role, affiliation, area_id, state) values (?, 'PATROL', '便利店店员', ?, 'OFF_DUTY') returning id")
                .params(name, shy).query(Long.class).single();
        String output = BrowserScript.run("alliance-duty.e2e.mjs", port, "alliance-duty-e2e.log", Duration.ofMinutes(4),
                Map.of("RW_E2E_MEMBER_ID", String.valueOf(member), "RW_E2E_MEMBER_NAME", name));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ alliance duty done");
        assertThat(jdbc.sql("""
                select count(*) from training_record r join training_session s on s.id = r.session_id
                where r.member_id = ? and r.result = 'PASSED' and s.course = 'PRE_DUTY'""").param(member).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from equipment_issue where member_id = ? and returned_on is null").param(member).query(Long.class).single())
                .isEqualTo(1);
        // trained now: the command center puts the member on duty
        http().put().uri("/api/v1/members/" + member + "/state").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("state", "available")).exchange().expectStatus().isOk();
        jdbc.sql("update member set state = 'OFF_DUTY' where id = ?").param(member).update();
        for (String shot : new String[] {"alliance-duty-untrained.png", "alliance-duty-training-recorded.png", "alliance-duty-issue-dialog.png",
            "alliance-duty-equipment-issued.png", "alliance-duty-rosters.png", "alliance-duty-patrol-record.png"}) {
            File f = BrowserScript.SCREENSHOTS.resolve(shot).toFile();
            assertThat(f).as(shot).exists();
            assertThat(f.length()).as(shot).isGreaterThan(10_000);
        }
    }
}
