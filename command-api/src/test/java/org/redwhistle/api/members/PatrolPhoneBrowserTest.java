package org.redwhistle.api.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * The patrol phone in a real Chromium on a 390×844 phone viewport (dashboard-web/e2e/patrol.e2e.mjs): {@code patrol1}
 * dispatched while the page is closed sees the offer on opening, with place, bearing and distance, map and 导航 links,
 * accepts and sees only the en-route actions, keeps them over a reload, and sees a withdrawn offer leave with the reason.
 * Screenshots land in command-api/target/screenshots (patrol-*.png).
 */
class PatrolPhoneBrowserTest extends IntegrationTest {

    @Test
    void anOfferMadeWhileThePhoneWasClosedIsShownOnOpeningWithWhatAndWhereAndOnlyTheValidActions() throws Exception {
        for (String[] wall : new String[][] {{"wall-pb1", "119.1290", "36.7088"}, {"wall-pb2", "119.1296", "36.7087"}}) {
            jdbc.sql("""
                    insert into device (id, kind, serial, name, area_id, location, state)
                    select ?, 'perimeter_alarm', ?, ?, id, st_setsrid(st_makepoint(?, ?), 4326), 'ACTIVE' from area where code = '370705001001'
                    on conflict do nothing""").params(wall[0], "SN-" + wall[0].toUpperCase(), "派警测试北墙 " + wall[0], Double.parseDouble(wall[1]),
                    Double.parseDouble(wall[2])).update();
        }
        long member = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol1'").query(Long.class).single();
        long first = raiseIntrusion("wall-pb1", "SHY-NORTH", 119.1290, 36.7088);
        long second = raiseIntrusion("wall-pb2", "SHY-NORTH", 119.1296, 36.7087);
        try {
            String output = BrowserScript.run("patrol.e2e.mjs", port, "patrol-e2e.log", Duration.ofMinutes(4), Map.of("RW_E2E_PATROL", "patrol1",
                    "RW_E2E_MEMBER", String.valueOf(member), "RW_E2E_ALARM", String.valueOf(first), "RW_E2E_ALARM_2", String.valueOf(second)));
            assertThat(output).as("the browser test ran:\n" + output).contains("✔ an offer made while the phone was closed");
        } finally {
            jdbc.sql("update alarm set status = 'RESOLVED' where id in (?, ?) and status not in ('RESOLVED', 'FALSE_ALARM')").params(first, second).update();
            http().put().uri("/api/v1/members/" + member + "/state").header("Authorization", "Bearer " + token("operator"))
                    .bodyValue(Map.of("state", "available")).exchange().expectStatus().isOk();
        }
        for (String name : new String[] {"patrol-offer.png", "patrol-en-route.png", "patrol-reloaded.png", "patrol-withdrawn.png", "patrol-mine.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }
}
