package org.redwhistle.api.allianceduty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Training validity is counted from the application's clock, and so is the demo's: in an application whose clock
 * reads 2031-03-01 (years after the shared run's demo trained its members, whose passes have long expired by then),
 * the demo retrains its PATROL members at a session of its own, so patrol1 still goes on duty from the phone; and a
 * pass of 2030-02-01 has expired on 2031-02-01. An application context of its own, closed after the class.
 */
@TestPropertySource(properties = {"redwhistle.mqtt.enabled=false", "redwhistle.push.relay=false", "redwhistle.cases.sweep-interval=3650d"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(AllianceDutyClockTest.ClockIn2031.class)
class AllianceDutyClockTest extends IntegrationTest {

    static final Instant NOW = Instant.parse("2031-03-01T02:00:00Z");

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockIn2031 {
        @Bean
        @Primary
        Clock testClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Test
    void theDemoTrainsItsMembersAsOfTheInjectedClockAndPassesExpireByIt() {
        JsonNode mine = getJson("/api/v1/alliance/training/mine", "patrol1");
        assertThat(mine.path("cleared").asBoolean()).isTrue();
        assertThat(mine.path("standings").get(0).path("passedOn").asText()).isEqualTo("2031-01-20");
        int status = http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + token("patrol1"))
                .bodyValue(Map.of("state", "available")).exchange().expectBody().returnResult().getStatus().value();
        assertThat(status).isEqualTo(200);

        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        long m = jdbc.sql("insert into member (name, role, affiliation, area_id, state) values (?, 'PATROL', '商户', ?, 'OFF_DUTY') returning id")
                .params("平安联盟 时（测试）" + System.nanoTime() % 100000, shy).query(Long.class).single();
        JsonNode s = JSON.readTree(http().post().uri("/api/v1/alliance/training/sessions").header("Authorization", "Bearer " + token("police"))
                .bodyValue(Map.of("course", "PRE_DUTY", "heldOn", "2030-02-01", "place", "广文街道派出所", "trainer", "社区民警 吴"))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        http().post().uri("/api/v1/alliance/training/sessions/" + s.path("session").path("id").asLong() + "/records")
                .header("Authorization", "Bearer " + token("police")).bodyValue(Map.of("memberId", m, "result", "PASSED"))
                .exchange().expectStatus().isOk();
        JsonNode refused = JSON.readTree(http().put().uri("/api/v1/members/" + m + "/state").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("state", "available")).exchange().expectStatus().isEqualTo(409).expectBody().returnResult().getResponseBody());
        assertThat(refused.path("detail").asText()).isEqualTo("岗前培训已于 2031年2月1日 过期，请参加复训");
    }
}
