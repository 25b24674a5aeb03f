package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The application with its clock at the end of 2027 and in 2028, years whose official holiday notice
 * is not loaded: requests are accepted with provisional deadlines (statutory holidays and weekends),
 * administrators see the missing year, and loading the official 2028 counts the open deadlines again
 * (timeline, audit). An application context of its own (its own clock): no ingestion, no relay, no
 * supervision sweep, so it leaves the shared context's cases alone, and it is closed after the class.
 */
@TestPropertySource(properties = {"redwhistle.mqtt.enabled=false", "redwhistle.push.relay=false", "redwhistle.cases.sweep-interval=3650d"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(ProvisionalDeadlinesTest.ClockAt2027.class)
class ProvisionalDeadlinesTest extends IntegrationTest {

    /** A clock the test sets. */
    static final class SettableClock extends Clock {
        volatile Instant now = Instant.parse("2027-12-30T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static final SettableClock CLOCK = new SettableClock();

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockAt2027 {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    @Autowired
    Calendars calendars;

    /** Illustrative official 2028 (a test fixture, not the State Council's notice): 元旦 without 补假, National Day 8 days, Sat 09-30 worked. */
    static final Map<String, Object> OFFICIAL_2028 = Map.of("year", 2028, "source", "test fixture: illustrative, not the State Council's notice",
            "holidays", List.of(Map.of("name", "元旦", "from", "2028-01-01", "to", "2028-01-01"),
                    Map.of("name", "国庆节、中秋节", "from", "2028-10-01", "to", "2028-10-08")),
            "workdays", List.of("2028-09-30"));

    @AfterAll
    static void forget2028() {
        // the run's database is shared: 2028 is not officially loaded for the tests after this one
        ownerJdbc().sql("delete from working_calendar where year = 2028 and loaded_by = 'admin'").update();
    }

    private JsonNode file(String at, String description) {
        CLOCK.now = OffsetDateTime.parse(at).toInstant();
        return JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("category", "FACILITY", "description", description, "lon", 119.1290, "lat", 36.7070))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    private static String local(JsonNode instant) {
        return OffsetDateTime.ofInstant(Instant.parse(instant.asText()), ZoneId.of("Asia/Shanghai")).toString();
    }

    @Test
    void requestsAtTheYearEndGetProvisionalDeadlinesCountedAgainWhenTheYearIsLoaded() {
        assertThat(calendars.calendar().isOfficial(2028)).as("2028 must not be loaded before this test").isFalse();
        // Thursday 2027-12-30: Fri 12-31 counts (2027 provisional too); 2028: 元旦 on Saturday, made up on Monday 01-03
        JsonNode a = file("2027-12-30T10:00:00+08:00", "路灯不亮（年末）");
        long idA = a.path("id").asLong();
        assertThat(local(a.path("acceptDue"))).isEqualTo("2027-12-31T23:59:59.999+08:00");
        assertThat(local(a.path("resolveDue"))).isEqualTo("2028-01-05T23:59:59.999+08:00");
        assertThat(a.path("deadlineProvisional").asBoolean()).isTrue();

        // Friday 2028-09-29: provisional 2028 has 10-01..03 (中秋 on 10-03 inside 国庆) and 补假 10-04, 10-05
        JsonNode b = file("2028-09-29T10:00:00+08:00", "井盖松动（节前）");
        long idB = b.path("id").asLong();
        assertThat(local(b.path("acceptDue"))).isEqualTo("2028-10-06T23:59:59.999+08:00");
        assertThat(local(b.path("resolveDue"))).isEqualTo("2028-10-10T23:59:59.999+08:00");
        assertThat(b.path("deadlineProvisional").asBoolean()).isTrue();

        // the supervisor's and an escalation's path count provisional deadlines too (no 422, no crash)
        JsonNode escalated = JSON.readTree(http().post().uri("/api/v1/cases/" + idB + "/escalate").header("Authorization", "Bearer " + token("operator"))
                .bodyValue(Map.of("note", "需区中心协调")).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(local(escalated.path("acceptDue"))).isEqualTo("2028-10-06T23:59:59.999+08:00");
        assertThat(escalated.path("deadlineProvisional").asBoolean()).isTrue();

        // administrators are told which years are provisional; others may not ask
        JsonNode overview = getJson("/api/v1/calendar", "admin");
        JsonNode y2028 = overview.path("provisional").valueStream().filter(y -> y.path("year").asInt() == 2028).findFirst().orElseThrow();
        assertThat(y2028.path("openDeadlines").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(y2028.path("withinLookAhead").asBoolean()).isTrue();
        assertThat(y2028.path("warning").asText()).isEqualTo("2028年官方节假日安排尚未加载：相关时限按法定节假日暂定计算，加载后自动重算。");
        assertThat(overview.path("official").valueStream().map(y -> y.path("year").asInt())).contains(2025, 2026).doesNotContain(2028);
        http().get().uri("/api/v1/calendar").header("Authorization", "Bearer " + token("operator")).exchange().expectStatus().isForbidden();
        JsonNode d = getJson("/api/v1/calendar/deadline?from=2028-09-29T02:00:00Z&workingDays=1", "operator");
        assertThat(d.path("provisional").asBoolean()).isTrue();
        assertThat(d.path("provisionalYears").valueStream().map(JsonNode::asInt)).containsExactly(2028);

        // the official year arrives
        http().put().uri("/api/v1/calendar/2028").header("Authorization", "Bearer " + token("admin")).bodyValue(OFFICIAL_2028)
                .exchange().expectStatus().isOk();

        JsonNode b2 = getJson("/api/v1/cases/" + idB, "admin");
        assertThat(local(b2.path("acceptDue"))).as("the make-up Saturday is worked").isEqualTo("2028-09-30T23:59:59.999+08:00");
        assertThat(local(b2.path("resolveDue"))).isEqualTo("2028-10-10T23:59:59.999+08:00");
        assertThat(b2.path("deadlineProvisional").asBoolean()).isFalse();
        JsonNode stepB = b2.path("timeline").valueStream().filter(s -> s.path("action").asText().equals("recount")).findFirst().orElseThrow();
        assertThat(stepB.path("actor").asText()).isEqualTo("admin");
        assertThat(stepB.path("note").asText()).isEqualTo(
                "2028年官方节假日安排已加载，受理时限由 2028年10月6日 23:59 调整为 2028年9月30日 23:59；办结时限 2028年10月10日 23:59 经核对不变");

        JsonNode a2 = getJson("/api/v1/cases/" + idA, "admin");
        assertThat(local(a2.path("resolveDue"))).as("01-03 is a working day in the official 2028").isEqualTo("2028-01-04T23:59:59.999+08:00");
        assertThat(a2.path("deadlineProvisional").asBoolean()).as("2027-12-31 is still counted on the provisional 2027").isTrue();
        assertThat(a2.path("timeline").valueStream().filter(s -> s.path("action").asText().equals("recount")).map(s -> s.path("note").asText()))
                .containsExactly("2028年官方节假日安排已加载，受理时限 2027年12月31日 23:59 经核对不变（仍为暂定：2027年官方安排尚未加载）；"
                        + "办结时限由 2028年1月5日 23:59 调整为 2028年1月4日 23:59（仍为暂定：2027年官方安排尚未加载）");

        for (long id : new long[] {idA, idB}) {
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'case.deadlines-recounted' and entity_id = ? and actor = 'admin'")
                    .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        }
        assertThat(getJson("/api/v1/calendar", "admin").path("provisional").valueStream().map(y -> y.path("year").asInt())).doesNotContain(2028);

        // filed after the load: official 2028, nothing provisional
        JsonNode c = file("2028-09-29T11:00:00+08:00", "楼道堆放杂物");
        assertThat(local(c.path("acceptDue"))).isEqualTo("2028-09-30T23:59:59.999+08:00");
        assertThat(c.path("deadlineProvisional").asBoolean()).isFalse();
    }
}
