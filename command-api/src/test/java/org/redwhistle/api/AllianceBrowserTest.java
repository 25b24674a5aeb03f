package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The 平安联盟's whole journey in a real Chromium (dashboard-web/e2e/alliance.e2e.mjs): a resident made for this run
 * applies on the residents' page, 广文街道's police vet the application on the alliance page, the badge card shows,
 * and its QR code's address shows 在册有效 on the public check page; the new member is refused duty untrained, the
 * police record their 岗前培训, they go on duty and close the page, the command center dispatches them, and on opening
 * the page again they see the offer and accept it. Screenshots: command-api/target/screenshots/alliance-*.png.
 */
class AllianceBrowserTest extends IntegrationTest {

    @Autowired
    PasswordEncoder passwords;

    @Test
    void aResidentIsVettedTrainedGoesOnDutyAndAcceptsAnOfferMadeWhileThePageWasClosed() throws Exception {
        String phone = "178" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        long area = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        jdbc.sql("insert into app_user (username, display_name, password_hash, role, area_id, phone) values (?, ?, ?, 'RESIDENT', ?, ?)")
                .params(phone, "居民 宫", passwords.encode(SERVICES.demoPassword()), area, phone).update();
        // the alarm the command center will dispatch the new member to, once they are on duty
        jdbc.sql("""
                insert into device (id, kind, serial, name, area_id, location, state)
                select 'wall-aj1', 'perimeter_alarm', 'SN-WALL-AJ1', '入盟测试北墙', id, st_setsrid(st_makepoint(119.1290, 36.7088), 4326), 'ACTIVE'
                from area where code = '370705001001' on conflict do nothing""").update();
        long alarm = raiseIntrusion("wall-aj1", "SHY-NORTH", 119.1290, 36.7088);
        String output;
        try {
            output = BrowserScript.run("alliance.e2e.mjs", port, "alliance-e2e.log", Duration.ofMinutes(5),
                    Map.of("RW_E2E_RESIDENT", phone, "RW_E2E_ALARM", String.valueOf(alarm)));
        } finally {
            // tests share one database: the alarm is closed and the new member taken off duty through the API (the live index too)
            http().post().uri("/api/v1/alarms/" + alarm + "/resolve").header("Authorization", "Bearer " + token("operator"))
                    .bodyValue(Map.of("note", "测试结束")).exchange();
            jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(phone).query(Long.class).optional()
                    .ifPresent(member -> http().put().uri("/api/v1/members/" + member + "/state").header("Authorization", "Bearer " + token("operator"))
                            .bodyValue(Map.of("state", "off_duty")).exchange().expectStatus().isOk());
        }
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ alliance enrolment done");
        for (String name : new String[] {"alliance-resident-applied.png", "alliance-police-queue.png", "alliance-police-vetted.png",
            "alliance-badge-card.png", "alliance-police-record.png", "alliance-badge-public.png", "alliance-journey-untrained.png",
            "alliance-journey-trained.png", "alliance-journey-on-duty.png", "alliance-journey-offer.png", "alliance-journey-accepted.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(5_000);
        }
        assertThat(jdbc.sql("select role from app_user where username = ?").param(phone).query(String.class).single()).isEqualTo("PATROL");
    }
}
