package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * {@code GET /api/v1/cases}: the filters, cursor paging through ties, the one definition of overdue
 * (the list's flag and filter and the statistics' count agree, late reports included), the scope of
 * an area filter and the refusals naming the field. An application context of its own with a clock
 * the test sets, in March 2025 (an official calendar year), and no supervision sweep or auto-close,
 * so the cases stay as the test leaves them.
 */
@TestPropertySource(properties = {"redwhistle.mqtt.enabled=false", "redwhistle.push.relay=false", "redwhistle.cases.sweep-interval=3650d"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(CaseQueryTest.TestClock.class)
class CaseQueryTest extends IntegrationTest {

    static final class SettableClock extends Clock {
        volatile Instant now = Instant.parse("2025-03-03T02:00:00Z");

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
    static class TestClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

    /** Marks this run's cases, so the filters are checked on them alone whatever else the database holds. */
    private final String tag = "查询" + Long.toString(System.nanoTime(), 36);

    private static void at(String local) {
        CLOCK.now = OffsetDateTime.parse(local).toInstant();
    }

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    private long file(String category, double lon, double lat) {
        return post("resident", "/api/v1/cases", Map.of("category", category, "description", tag + " 楼道堆放杂物", "lon", lon, "lat", lat), 201)
                .path("id").asLong();
    }

    /** In 松鹤园社区's first grid. */
    private long fileShy(String category) {
        return file(category, 119.1215, 36.7075);
    }

    private JsonNode get(String user, String query, int status) {
        // already encoded: an absolute URI, which the client sends as it is
        var r = http().get().uri(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/cases?" + query)).header("Authorization", "Bearer " + token(user)).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return JSON.readTree(r.getResponseBody());
    }

    /** The ids listed for {@code user} with this run's cases only, {@code query} added. */
    private List<Long> ids(String user, String query) {
        JsonNode page = get(user, "limit=1000&q=" + enc(tag) + (query.isEmpty() ? "" : "&" + query), 200);
        assertThat(page.path("nextCursor").isNull()).isTrue();
        return page.path("items").valueStream().map(c -> c.path("id").asLong()).toList();
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static String refusedField(JsonNode problem) {
        return problem.path("errors").get(0).path("field").asText();
    }

    @Test
    void filtersPagesAndOverdueAgreeWithTheStatistics() {
        // Monday 2025-03-03: three requests in 松鹤园社区
        at("2025-03-03T10:00:00+08:00");
        long late = fileShy("ENV");                       // nobody takes it: past its deadlines a week later
        at("2025-03-03T10:01:00+08:00");
        long handledLate = fileShy("ENV");
        at("2025-03-03T10:02:00+08:00");
        long inTime = fileShy("NOISE");
        for (long id : new long[] {handledLate, inTime}) {
            post("operator", "/api/v1/cases/" + id + "/take", null, 200);
            post("operator", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "grid1"), 200);
        }
        at("2025-03-03T15:00:00+08:00");
        post("grid1", "/api/v1/cases/" + inTime + "/report", Map.of("note", "已清理"), 200);
        Instant resolveDue = Instant.parse(getJson("/api/v1/cases/" + handledLate, "admin").path("resolveDue").asText());
        CLOCK.now = resolveDue.plus(Duration.ofHours(10));
        post("grid1", "/api/v1/cases/" + handledLate + "/report", Map.of("note", "已清理（逾期）"), 200);
        for (long id : new long[] {handledLate, inTime}) {
            post("resident", "/api/v1/cases/" + id + "/evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"), 200);
        }

        // Monday 2025-03-10 15:00: five requests at the same instant (ties for the cursor), one in 奎文门社区 an hour later
        at("2025-03-10T15:00:00+08:00");
        List<Long> ties = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ties.add(fileShy(i % 2 == 0 ? "FACILITY" : "NOISE"));
        }
        at("2025-03-10T16:00:00+08:00");
        long kwm = file("ENV", 119.136, 36.704);
        // Tuesday 09:00: a new one, escalated at once to the street
        at("2025-03-11T09:00:00+08:00");
        long fresh = fileShy("ENV");
        post("operator", "/api/v1/cases/" + fresh + "/escalate", Map.of("note", "需街道协调"), 200);

        // the overdue flag: open past its deadline, handled (and closed) after its resolve deadline; not when handled in time
        assertThat(getJson("/api/v1/cases/" + handledLate, "admin").path("status").asText()).isEqualTo("CLOSED");
        assertThat(getJson("/api/v1/cases/" + handledLate, "admin").path("overdue").asBoolean()).as("closed, reported late: 逾期办结").isTrue();
        assertThat(getJson("/api/v1/cases/" + late, "admin").path("overdue").asBoolean()).as("open past its deadlines").isTrue();
        assertThat(getJson("/api/v1/cases/" + inTime, "admin").path("overdue").asBoolean()).isFalse();
        assertThat(getJson("/api/v1/cases/" + fresh, "admin").path("overdue").asBoolean()).isFalse();

        List<Long> all = ids("admin", "");
        assertThat(all).as("newest first, ties by id descending").containsExactly(fresh, kwm, ties.get(4), ties.get(3), ties.get(2), ties.get(1),
                ties.get(0), inTime, handledLate, late);
        JsonNode listedLate = get("admin", "limit=1000&q=" + enc(tag) + "&overdue=true", 200).path("items");
        assertThat(listedLate.valueStream().map(c -> c.path("overdue").asBoolean())).containsOnly(true);
        assertThat(ids("admin", "overdue=true")).containsExactly(handledLate, late);
        assertThat(ids("admin", "overdue=false")).containsExactly(fresh, kwm, ties.get(4), ties.get(3), ties.get(2), ties.get(1), ties.get(0), inTime);

        // the statistics count exactly the cases the list calls overdue (whatever else the period holds)
        String period = "from=2025-02-28T16:00:00Z&to=2025-03-11T16:00:00Z";
        long statsOverdue = getJson("/api/v1/stats/cases?" + period, "admin").path("total").path("overdue").asLong();
        long listedOverdue = get("admin", "limit=1000&overdue=true&" + period, 200).path("items").size();
        assertThat(statsOverdue).isEqualTo(listedOverdue).isGreaterThanOrEqualTo(2);

        // status (one or several), level, category, text
        assertThat(ids("admin", "status=CLOSED")).containsExactly(inTime, handledLate);
        assertThat(ids("admin", "status=" + enc("CLOSED, dispatched"))).hasSize(10);
        assertThat(ids("admin", "level=STREET")).containsExactly(fresh);
        assertThat(ids("admin", "level=COMMUNITY,STREET")).hasSize(10);
        assertThat(ids("admin", "category=NOISE")).containsExactly(ties.get(3), ties.get(1), inTime);
        String ref = getJson("/api/v1/cases/" + kwm, "admin").path("ref").asText();
        assertThat(get("admin", "q=" + ref, 200).path("items").valueStream().map(c -> c.path("id").asLong())).containsExactly(kwm);

        // the submission period: a date is Asia/Shanghai midnight; [from, to)
        assertThat(ids("admin", "from=2025-03-10")).containsExactly(fresh, kwm, ties.get(4), ties.get(3), ties.get(2), ties.get(1), ties.get(0));
        assertThat(ids("admin", "to=2025-03-10")).containsExactly(inTime, handledLate, late);
        assertThat(ids("admin", "from=" + enc("2025-03-10T15:00:00+08:00") + "&to=" + enc("2025-03-10T07:00:01Z"))).containsExactly(
                ties.get(4), ties.get(3), ties.get(2), ties.get(1), ties.get(0));

        // area: a community, its street, a grid; inside the caller's area only
        JsonNode kwmCase = getJson("/api/v1/cases/" + kwm, "admin");
        long kwmCommunity = kwmCase.path("communityId").asLong();
        long street = kwmCase.path("areaPath").get(1).asLong();
        long shyGrid = getJson("/api/v1/cases/" + late, "admin").path("gridId").asLong();
        assertThat(ids("admin", "area=" + kwmCommunity)).containsExactly(kwm);
        assertThat(ids("admin", "area=" + street)).hasSize(10);
        assertThat(ids("operator", "area=" + shyGrid + "&status=DISPATCHED")).as("the escalated one too: its path holds the grid")
                .containsExactly(fresh, ties.get(4), ties.get(3), ties.get(2), ties.get(1), ties.get(0), late);
        assertThat(ids("operator-kwm", "")).as("scope unchanged: their area's").containsExactly(kwm);
        assertThat(ids("leader", "area=" + kwmCommunity)).containsExactly(kwm);
        get("operator", "area=" + kwmCommunity, 403);
        get("admin", "area=999999999", 404);

        // cursor paging, 3 a page, through the ties: every case once, in order, then no cursor
        List<Long> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("admin", "limit=3&q=" + enc(tag) + (cursor == null ? "" : "&cursor=" + enc(cursor)), 200);
            page.path("items").forEach(c -> paged.add(c.path("id").asLong()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(new HashSet<>(paged)).hasSize(paged.size());
        assertThat(pages).isEqualTo(4);
        // a page that ends inside the ties goes on with the rest of them
        JsonNode firstPage = get("admin", "limit=3&q=" + enc(tag), 200);
        JsonNode next = get("admin", "limit=3&q=" + enc(tag) + "&cursor=" + enc(firstPage.path("nextCursor").asText()), 200);
        assertThat(next.path("items").valueStream().map(c -> c.path("id").asLong())).containsExactly(ties.get(3), ties.get(2), ties.get(1));

        // refusals name the field
        assertThat(refusedField(get("admin", "cursor=not-a-cursor", 400))).isEqualTo("cursor");
        assertThat(refusedField(get("admin", "cursor=" + java.util.Base64.getUrlEncoder().encodeToString("2025,x".getBytes()), 400)))
                .isEqualTo("cursor");
        assertThat(refusedField(get("admin", "status=DONE", 400))).isEqualTo("status");
        assertThat(refusedField(get("admin", "status=CLOSED,DONE", 400))).isEqualTo("status");
        assertThat(refusedField(get("admin", "level=VILLAGE", 400))).isEqualTo("level");
        assertThat(refusedField(get("admin", "overdue=yes", 400))).isEqualTo("overdue");
        assertThat(refusedField(get("admin", "from=2025-13-01", 400))).isEqualTo("from");
        assertThat(refusedField(get("admin", "to=yesterday", 400))).isEqualTo("to");
        assertThat(refusedField(get("admin", "from=2025-03-10&to=2025-03-01", 400))).isEqualTo("from");
        assertThat(refusedField(get("admin", "area=abc", 400))).isEqualTo("area");
        assertThat(refusedField(get("admin", "category=NOPE", 400))).isEqualTo("category");
        assertThat(refusedField(get("admin", "limit=0", 400))).isEqualTo("limit");

        // roles without cases.read are refused
        for (String refused : List.of("patrol1", "integrator", "police")) {
            http().get().uri("/api/v1/cases?overdue=true").header("Authorization", "Bearer " + token(refused)).exchange().expectStatus().isForbidden();
        }
    }
}
