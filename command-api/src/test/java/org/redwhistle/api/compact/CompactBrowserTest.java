package org.redwhistle.api.compact;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.decisions.ResolutionPublished;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

import tools.jackson.databind.JsonNode;

/**
 * The 小公约 tab of the village page in a real Chromium (dashboard-web/e2e/compact.e2e.mjs): grid-dongding-1
 * on a 390×844 phone reports a household's breach of article 8 with a photo from the camera input;
 * committee-dongding confirms it under article 39 (the household appears in 福利停发名单) and records
 * the restoration under article 41. The compact is put in force by a published resolution if the demo's
 * version 1 is still a draft; the household is inserted in grid 1 with SQL. Screenshots:
 * command-api/target/screenshots/compact-*.png.
 */
class CompactBrowserTest extends IntegrationTest {

    @Autowired
    private ApplicationEventPublisher events;

    @Test
    void aBreachIsReportedConfirmedAndRestoredOnTheVillagePage() throws Exception {
        long village = jdbc.sql("select id from area where code = '370304104201'").query(Long.class).single();
        long grid1 = jdbc.sql("select id from area where code = '370304104201-G1'").query(Long.class).single();
        JsonNode c = getJson("/api/v1/compact?areaId=" + village, "committee-dongding");
        if (c.path("inForce").isNull() || c.path("inForce").isMissingNode()) {
            JsonNode open = c.path("versions").valueStream().filter(v -> List.of("DRAFT", "PROPOSED").contains(v.path("state").asText())).findFirst()
                    .orElseThrow();
            events.publishEvent(new ResolutionPublished(800001, village, "compact-version", village + ":" + open.path("number").asInt(),
                    "通过《东顶村村规民约》", true, LocalDate.of(2026, 1, 5), Instant.now()));
        }
        String code = "E" + System.nanoTime() % 1_000_000;
        String head = "李建" + code.substring(code.length() - 2);
        long household = jdbc.sql("insert into household (area_id, grid_id, code, address) values (?, ?, ?, ?) returning id")
                .params(village, grid1, code, "东顶村老村西片 " + code + " 号").query(Long.class).single();
        jdbc.sql("insert into person (area_id, household_id, name, relation) values (?, ?, ?, '户主')").params(village, household, head).update();

        Path photo = Path.of("src", "test", "resources", "photos", "scene-lossy.webp").toAbsolutePath();
        String output = BrowserScript.run("compact.e2e.mjs", port, "compact-e2e.log", Duration.ofMinutes(4), Map.of("RW_E2E_GRID_WORKER",
                "grid-dongding-1", "RW_E2E_COMMITTEE", "committee-dongding", "RW_E2E_HOUSEHOLD_ID", String.valueOf(household),
                "RW_E2E_HOUSEHOLD_HEAD", head, "RW_E2E_PHOTO", photo.toString()));
        assertThat(output).as("the browser test ran:\n" + output).contains("✔ a grid worker reports");
        for (String name : new String[] {"compact-grid-text.png", "compact-grid-report.png", "compact-grid-reported.png", "compact-committee-text.png", "compact-print.png",
            "compact-committee-confirmed.png", "compact-welfare.png", "compact-restored.png", "compact-draft.png"}) {
            File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
        JsonNode record = getJson("/api/v1/compact/households/" + household + "/record", "committee-dongding");
        assertThat(record.path("violations").get(0).path("state").asText()).isEqualTo("RESTORED");
        assertThat(record.path("welfareSuspended").asBoolean()).isFalse();
    }
}
