package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.cases.Satisfaction;
import org.redwhistle.api.cases.internal.CaseAutoClose;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.stats.internal.CaseStatsController;
import org.redwhistle.api.stats.internal.CaseStatsStore;
import org.redwhistle.api.stats.internal.Rates;
import org.redwhistle.api.stats.internal.StatsParams;
import org.redwhistle.api.stats.internal.StatsProperties;
import org.redwhistle.api.stats.internal.UnitStatistics;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import tools.jackson.databind.JsonNode;

/**
 * Ways a case ends besides the resident's evaluation, and the resident's own moves: withdraw (while
 * nobody took it), reject (不予受理, the reason shown), merge into an open case (the duplicate's
 * resident follows the survivor), remind (催办, once a deadline passed, once a day), and the
 * auto-close of handled cases nobody evaluated (also Open311's); the statistics under each setting
 * for those; and timeline notes people can read.
 */
class CaseEndingsTest extends IntegrationTest {

    /** Any name of the case enums as a word, or an ISO instant: none belongs in a note people read. */
    private static final Pattern CODES = Pattern.compile("\\b(" + String.join("|", names(CaseStatus.values()), names(CaseLevel.values()),
            names(Satisfaction.values()), names(CaseAction.values()), "NOT_EVALUATED|EVALUATED") + ")\\b|\\d{4}-\\d{2}-\\d{2}T|\\d{2}:\\d{2}(:\\d{2})?(\\.\\d+)?Z");

    @Autowired
    Cases cases;

    @Autowired
    CaseAutoClose autoClose;

    @Autowired
    UserAccountRepository users;

    @Autowired
    CaseStatsStore statsStore;

    @Autowired
    AreaScope areaScope;

    @Autowired
    Blocking blocking;

    @Autowired
    Clock clock;

    private static String names(Enum<?>[] values) {
        return String.join("|", java.util.Arrays.stream(values).map(Enum::name).toList());
    }

    private JsonNode post(String user, String path, Object body, int status) {
        var r = http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body == null ? Map.of() : body).exchange()
                .expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    private JsonNode submit(String user, String category, double lon, double lat) {
        return post(user, "/api/v1/cases", Map.of("category", category, "description", "测试诉求：" + category, "lon", lon, "lat", lat), 201);
    }

    private JsonNode submit(String user) {
        return submit(user, "ENV", 119.1250, 36.7020);
    }

    /** A second resident of the same community, with the demo password. */
    private String neighbour() {
        jdbc.sql("""
                insert into app_user (username, display_name, password_hash, role, area_id)
                select 'resident-b', '居民 韩', password_hash, role, area_id from app_user where username = 'resident'
                on conflict (username) do nothing""").update();
        return "resident-b";
    }

    private CurrentUser user(String username) {
        return users.findByUsername(username).map(UserAccount::asCurrentUser).orElseThrow();
    }

    private JsonNode handled(String reporter) {
        long id = submit(reporter).path("id").asLong();
        post("operator", "/api/v1/cases/" + id + "/take", null, 200);
        post("operator", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "grid1", "note", "请今天处理"), 200);
        return post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", "已清理"), 200);
    }

    private static void readable(JsonNode c) {
        assertThat(c.path("timeline").size()).isPositive();
        c.path("timeline").forEach(s -> {
            assertThat(s.path("note").asText()).as("note of " + s.path("action").asText()).isNotBlank().doesNotContainPattern(CODES);
            assertThat(s.path("actorName").asText()).as("actor of " + s.path("action").asText()).isNotBlank();
        });
        assertThat(c.path("statusLabel").asText()).isNotBlank().doesNotContainPattern(CODES);
        assertThat(c.path("levelLabel").asText()).isNotBlank().doesNotContainPattern(CODES);
    }

    private static JsonNode last(JsonNode c) {
        return c.path("timeline").get(c.path("timeline").size() - 1);
    }

    @Test
    void theResidentWithdrawsARequestOnlyWhileNobodyTookIt() {
        String other = neighbour();
        long id = submit("resident").path("id").asLong();
        post(other, "/api/v1/cases/" + id + "/withdraw", null, 404);          // someone else's request
        post("operator", "/api/v1/cases/" + id + "/withdraw", null, 403);     // not the operators' move
        JsonNode w = post("resident", "/api/v1/cases/" + id + "/withdraw", Map.of("note", "已自行解决"), 200);
        assertThat(w.path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(w.path("statusLabel").asText()).isEqualTo("已撤回");
        assertThat(w.path("closedAt").isNull()).isFalse();
        assertThat(last(w).path("note").asText()).isEqualTo("居民已撤回诉求：已自行解决");
        assertThat(last(w).path("actorName").asText()).isEqualTo("居民 冯");
        post("operator", "/api/v1/cases/" + id + "/take", null, 409);
        readable(w);

        long taken = submit("resident").path("id").asLong();
        post("operator", "/api/v1/cases/" + taken + "/take", null, 200);
        JsonNode refused = post("resident", "/api/v1/cases/" + taken + "/withdraw", null, 409);
        assertThat(refused.path("detail").asText()).contains("TAKEN");
        // escalated, it is dispatched again; but a unit has had it in hand, so it is no longer the resident's to take back
        post("operator", "/api/v1/cases/" + taken + "/escalate", Map.of("note", "社区无法解决"), 200);
        assertThat(getJson("/api/v1/cases/" + taken, "resident").path("status").asText()).isEqualTo("DISPATCHED");
        assertThat(post("resident", "/api/v1/cases/" + taken + "/withdraw", null, 409).path("detail").asText()).contains("taken by a unit");
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'case' and entity_id = ? and action = 'case.withdraw'")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theHoldingUnitRejectsWithAReasonTheResidentReads() {
        long id = submit("resident").path("id").asLong();
        post("resident", "/api/v1/cases/" + id + "/reject", Map.of("note", "x"), 403);
        post("operator-kwm", "/api/v1/cases/" + id + "/reject", Map.of("note", "x"), 404);
        assertThat(post("operator", "/api/v1/cases/" + id + "/reject", Map.of(), 400).path("errors").get(0).path("field").asText()).isEqualTo("note");
        post("operator", "/api/v1/cases/" + id + "/reject", Map.of("note", "属于物业合同纠纷，请联系物业公司或12345"), 200);
        JsonNode seen = getJson("/api/v1/cases/" + id, "resident");
        assertThat(seen.path("status").asText()).isEqualTo("REJECTED");
        assertThat(seen.path("statusLabel").asText()).isEqualTo("不予受理");
        assertThat(seen.path("rejectReason").asText()).isEqualTo("属于物业合同纠纷，请联系物业公司或12345");
        assertThat(last(seen).path("note").asText()).isEqualTo("松鹤园社区 不予受理：属于物业合同纠纷，请联系物业公司或12345");
        assertThat(last(seen).path("actorName").asText()).isEqualTo("松鹤园社区指挥员 李");
        post("operator", "/api/v1/cases/" + id + "/reject", Map.of("note", "again"), 409);
        readable(seen);
    }

    @Test
    void aDuplicateIsMergedIntoAnOpenCaseAndItsResidentFollowsTheSurvivor() {
        String other = neighbour();
        JsonNode survivor = submit("resident");
        long s = survivor.path("id").asLong();
        long d = submit(other).path("id").asLong();
        long elsewhere = submit("resident", "ENV", 119.1360, 36.7040).path("id").asLong();   // 奎文门社区
        assertThat(getJson("/api/v1/cases/" + elsewhere, "resident").path("holderName").asText()).isEqualTo("奎文门社区");
        long closed = handled("resident").path("id").asLong();
        post("resident", "/api/v1/cases/" + closed + "/evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"), 200);
        long merged = submit("resident").path("id").asLong();
        post("operator", "/api/v1/cases/" + merged + "/merge", Map.of("into", s), 200);

        post(other, "/api/v1/cases/" + d + "/merge", Map.of("into", s), 403);
        assertThat(post("operator", "/api/v1/cases/" + d + "/merge", Map.of(), 400).path("errors").get(0).path("field").asText()).isEqualTo("into");
        assertThat(post("operator", "/api/v1/cases/" + d + "/merge", Map.of("into", d), 400).path("errors").get(0).path("field").asText())
                .isEqualTo("into");
        assertThat(post("operator", "/api/v1/cases/" + d + "/merge", Map.of("into", closed), 409).path("errors").get(0).path("field").asText())
                .isEqualTo("into");
        post("operator", "/api/v1/cases/" + d + "/merge", Map.of("into", merged), 409);
        post("operator", "/api/v1/cases/" + d + "/merge", Map.of("into", elsewhere), 400);   // outside the operator's reach
        post("operator", "/api/v1/cases/" + d + "/merge", Map.of("into", 987654321L), 400);

        // the neighbour cannot see the resident's case before the merge
        http().get().uri("/api/v1/cases/" + s).header("Authorization", "Bearer " + token(other)).exchange().expectStatus().isNotFound();
        JsonNode m = post("operator", "/api/v1/cases/" + d + "/merge", Map.of("into", s, "note", "同一处垃圾"), 200);
        assertThat(m.path("status").asText()).isEqualTo("MERGED");
        assertThat(m.path("statusLabel").asText()).isEqualTo("已合并");
        assertThat(m.path("mergedInto").asLong()).isEqualTo(s);
        assertThat(m.path("mergedIntoRef").asText()).isEqualTo(survivor.path("ref").asText());
        readable(m);
        post("operator", "/api/v1/cases/" + d + "/take", null, 409);

        // the neighbour follows the surviving case, in the list and in detail, but it stays the resident's to evaluate
        assertThat(getJson("/api/v1/cases", other).path("items").valueStream().map(x -> x.path("id").asLong())).contains(s, d);
        JsonNode followed = getJson("/api/v1/cases/" + s, other);
        assertThat(followed.path("timeline").valueStream().map(x -> x.path("action").asText())).contains("merged-in");
        assertThat(followed.path("timeline").valueStream().map(x -> x.path("note").asText()))
                .anyMatch(n -> n.contains(m.path("ref").asText()) && n.contains("合并"));
        readable(followed);
        assertThat(cases.followers(s)).containsExactly("resident", "resident-b");
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'case' and entity_id = ? and action = 'case.merge'")
                .param(String.valueOf(d)).query(Long.class).single()).isEqualTo(1);
        // another resident's cases stay hidden
        assertThat(getJson("/api/v1/cases", other).path("items").valueStream().map(x -> x.path("id").asLong())).doesNotContain(closed, elsewhere);
        // who filed the surviving case stays with the community: no reporter, their steps signed 居民 (a user name is a phone number)
        assertThat(followed.path("reporter").isNull()).isTrue();
        assertThat(followed.path("timeline").valueStream().filter(x -> x.path("action").asText().equals("submit")).findFirst().orElseThrow()
                .path("actorName").asText()).isEqualTo("居民");
        assertThat(followed.toString()).doesNotContain("\"resident\"").doesNotContain("居民 冯");
        assertThat(getJson("/api/v1/cases", other).path("items").valueStream().filter(x -> x.path("id").asLong() == s).findFirst().orElseThrow()
                .path("reporter").isNull()).isTrue();
        assertThat(getJson("/api/v1/cases/" + s, "resident").path("reporter").asText()).isEqualTo("resident");
        assertThat(getJson("/api/v1/cases/" + s, "operator").path("reporter").asText()).isEqualTo("resident");

        // the survivor merged in turn: its duplicates follow the case it went into
        long last = submit("resident").path("id").asLong();
        JsonNode again = post("operator", "/api/v1/cases/" + s + "/merge", Map.of("into", last), 200);
        assertThat(again.path("mergedInto").asLong()).isEqualTo(last);
        assertThat(jdbc.sql("select merged_into from case_file where id = ?").param(d).query(Long.class).single()).isEqualTo(last);
        assertThat(cases.followers(last)).containsExactly("resident", "resident-b");
        assertThat(getJson("/api/v1/cases", other).path("items").valueStream().map(x -> x.path("id").asLong())).contains(last);
        assertThat(last(getJson("/api/v1/cases/" + last, "operator")).path("note").asText()).contains("连同此前并入它的 2 件");
    }

    @Test
    void aCaseHandledInTimeIsNotOverdueWhileItWaitsForTheEvaluation() {
        long inTime = handled("resident").path("id").asLong();
        long late = handled("resident").path("id").asLong();
        // both resolve limits have passed now; one was handled a minute before its limit, the other a minute after
        jdbc.sql("update case_file set resolve_due = handled_at + interval '1 minute' where id = ?").param(inTime).update();
        jdbc.sql("update case_file set resolve_due = handled_at - interval '1 minute' where id = ?").param(late).update();
        assertThat(getJson("/api/v1/cases/" + inTime, "operator").path("overdue").asBoolean()).isFalse();
        assertThat(getJson("/api/v1/cases/" + late, "operator").path("overdue").asBoolean()).isTrue();
    }

    @Test
    void aReminderNeedsAPassedDeadlineAndComesAtMostOnceADay() throws Exception {
        JsonNode c = submit("resident");
        long id = c.path("id").asLong();
        assertThat(post("resident", "/api/v1/cases/" + id + "/remind", null, 409).path("detail").asText()).contains("no deadline has passed");
        post("operator", "/api/v1/cases/" + id + "/remind", null, 403);
        post(neighbour(), "/api/v1/cases/" + id + "/remind", null, 404);

        CurrentUser resident = user("resident");
        Instant acceptDue = Instant.parse(c.path("acceptDue").asText());
        try (StompTestClient board = StompTestClient.open(port)) {
            board.connect(token("operator"));
            board.subscribe("c", "/topic/cases");
            Instant late = acceptDue.plus(Duration.ofMinutes(1));             // 00:00:59 the day after, in China
            CaseView r = cases.act(resident, id, CaseAction.REMIND, Cases.Action.NONE, late);
            assertThat(r.lastReminderAt()).isEqualTo(late);
            assertThat(r.status()).isEqualTo(CaseStatus.DISPATCHED);
            assertThat(board.await(f -> f.command().equals("MESSAGE") && f.body().contains(c.path("ref").asText()) && f.body().contains("居民催办"),
                    Duration.ofSeconds(5))).isNotNull();
        }
        assertThatThrownBy(() -> cases.act(resident, id, CaseAction.REMIND, Cases.Action.NONE, acceptDue.plus(Duration.ofHours(20))))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.retryAfterSeconds()).isPositive();
                });
        Instant nextDay = acceptDue.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(1));
        assertThat(cases.act(resident, id, CaseAction.REMIND, Cases.Action.NONE, nextDay).lastReminderAt()).isEqualTo(nextDay);

        // taken: the accept deadline no longer applies, the resolve deadline has to pass
        cases.act(user("operator"), id, CaseAction.TAKE, Cases.Action.NONE, nextDay.plusSeconds(60));
        Instant resolveDue = Instant.parse(c.path("resolveDue").asText());
        assertThatThrownBy(() -> cases.act(resident, id, CaseAction.REMIND, Cases.Action.NONE, resolveDue.minus(Duration.ofMinutes(1))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONFLICT));
        cases.act(resident, id, CaseAction.REMIND, Cases.Action.NONE, resolveDue.plus(Duration.ofMinutes(1)));

        JsonNode seen = getJson("/api/v1/cases/" + id, "resident");
        List<String> notes = seen.path("timeline").valueStream().filter(s -> s.path("action").asText().equals("remind"))
                .map(s -> s.path("note").asText()).toList();
        assertThat(notes).hasSize(3);
        assertThat(notes.get(0)).startsWith("居民催办：已超过受理时限 ").contains("23:59");
        assertThat(notes.get(2)).startsWith("居民催办：已超过办结时限 ");
        readable(seen);
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'case' and entity_id = ? and action = 'case.remind'")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(3);
    }

    private Instant evaluationDue(Instant handledAt) {
        return OffsetDateTime.parse(getJson("/api/v1/calendar/deadline?from=" + handledAt + "&workingDays=3", "operator")
                .path("deadline").asText()).toInstant();
    }

    @Test
    void aHandledCaseNobodyEvaluatesClosesByItselfAfterThreeWorkingDays() {
        // the demo's grid worker is reached on 13900000001: the resident sees the number of who handles the request
        JsonNode h = handled("resident");
        long id = h.path("id").asLong();
        assertThat(h.path("assigneeName").asText()).isEqualTo("网格员 刘（第一网格）");
        assertThat(h.path("assigneePhone").asText()).isEqualTo("13900000001");
        assertThat(h.path("holderName").asText()).isEqualTo("松鹤园社区");
        assertThat(h.path("levelLabel").asText()).isEqualTo("社区");
        assertThat(h.path("timeline").valueStream().map(s -> s.path("note").asText()))
                .contains("指派 网格员 刘（第一网格）（网格员）：请今天处理");
        Instant due = evaluationDue(Instant.parse(h.path("handledAt").asText()));

        autoClose.close(due.minus(Duration.ofMinutes(1)));
        assertThat(getJson("/api/v1/cases/" + id, "resident").path("status").asText()).isEqualTo("HANDLED");
        assertThat(autoClose.close(due.plus(Duration.ofMinutes(1)))).isPositive();
        assertThat(autoClose.close(due.plus(Duration.ofMinutes(2)))).as("a second run finds nothing of it").isZero();
        JsonNode closed = getJson("/api/v1/cases/" + id, "resident");
        assertThat(closed.path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("closeReason").asText()).isEqualTo("NOT_EVALUATED");
        assertThat(Instant.parse(closed.path("closedAt").asText())).isEqualTo(due);
        JsonNode step = last(closed);
        assertThat(step.path("action").asText()).isEqualTo("auto-close");
        assertThat(step.path("actorName").asText()).isEqualTo("系统");
        assertThat(step.path("note").asText()).startsWith("逾期未评价，系统自动办结");
        readable(closed);
        post("resident", "/api/v1/cases/" + id + "/evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"), 409);
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'case' and entity_id = ? and action = 'case.auto-close' and actor = 'system'")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOpen311RequestClosesTheSameWay() {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        String key = JSON.readTree(http().post().uri("/api/v1/open311-keys").header("Authorization", "Bearer " + token("admin"))
                .bodyValue(Map.of("name", "AutoClose", "areaId", shy)).exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody()).path("apiKey").asText();
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        Map.of("api_key", key, "service_code", "FIRE", "lat", "36.7020", "long", "119.1250", "description", "楼道里有人给电动车充电").forEach(form::add);
        String ref = JSON.readTree(http().post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData(form)).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody())
                .get(0).path("service_request_id").asText();
        long id = jdbc.sql("select id from case_file where ref = ?").param(ref).query(Long.class).single();
        post("operator", "/api/v1/cases/" + id + "/take", null, 200);
        post("operator", "/api/v1/cases/" + id + "/assign", Map.of("assignee", "grid1"), 200);
        JsonNode h = post("grid1", "/api/v1/cases/" + id + "/report", Map.of("note", "已劝离并张贴提示"), 200);
        assertThat(h.path("category").asText()).isEqualTo("FIRE");
        autoClose.close(evaluationDue(Instant.parse(h.path("handledAt").asText())).plus(Duration.ofMinutes(1)));

        JsonNode r = JSON.readTree(http().get().uri("/open311/v2/requests/" + ref + ".json?api_key=" + key).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get(0);
        assertThat(r.path("status").asText()).isEqualTo("closed");
        assertThat(r.path("status_notes").asText()).isEqualTo("已办结（逾期未评价，系统自动办结）");
        assertThat(r.path("service_code").asText()).isEqualTo("FIRE");
        assertThat(r.path("service_name").asText()).isEqualTo("消防安全");
        assertThat(r.path("updated_datetime").asText()).endsWith("+08:00");
    }

    private JsonNode stats(StatsProperties.NotEvaluated setting, Instant from, Instant to) {
        Rates rates = new Rates(new StatsProperties(0.5, List.of(0.10, 0.45, 0.45), setting));
        CaseStatsController controller = new CaseStatsController(statsStore, new UnitStatistics(statsStore, rates, clock),
                new StatsParams(areaScope, clock), rates, blocking, clock);
        var answer = controller.cases(new Caller(user("operator"), Permission.STATS_READ, Scope.AREA), from.toString(), to.toString(), null).block();
        return JSON.valueToTree(answer);
    }

    @Test
    void statisticsCountClosuresWithoutAnEvaluationAsConfigured() {
        Instant from = clock.instant().minusMillis(1);
        long satisfied = handled("resident").path("id").asLong();
        post("resident", "/api/v1/cases/" + satisfied + "/evaluate", Map.of("resolved", true, "satisfaction", "SATISFIED"), 200);
        long basically = handled("resident").path("id").asLong();
        post("resident", "/api/v1/cases/" + basically + "/evaluate", Map.of("resolved", true, "satisfaction", "BASICALLY_SATISFIED"), 200);
        JsonNode silent = handled("resident");
        long withdrawn = submit("resident").path("id").asLong();
        post("resident", "/api/v1/cases/" + withdrawn + "/withdraw", null, 200);
        long rejected = submit("resident").path("id").asLong();
        post("operator", "/api/v1/cases/" + rejected + "/reject", Map.of("note", "不属于社区职责"), 200);
        autoClose.close(evaluationDue(Instant.parse(silent.path("handledAt").asText())).plus(Duration.ofMinutes(1)));
        assertThat(getJson("/api/v1/cases/" + silent.path("id").asLong(), "operator").path("closeReason").asText()).isEqualTo("NOT_EVALUATED");
        Instant to = clock.instant().plusSeconds(1);

        JsonNode excluded = stats(StatsProperties.NotEvaluated.EXCLUDED, from, to);
        JsonNode t = excluded.path("total");
        assertThat(t.path("accepted").asLong()).isEqualTo(5);
        assertThat(t.path("closed").asLong()).isEqualTo(3);
        assertThat(t.path("notEvaluated").asLong()).isEqualTo(1);
        assertThat(t.path("withdrawn").asLong()).isEqualTo(1);
        assertThat(t.path("rejected").asLong()).isEqualTo(1);
        assertThat(t.path("open").asLong()).isZero();
        assertThat(t.path("rated").asLong()).isEqualTo(2);
        assertThat(t.path("responseRate").asDouble()).as("the withdrawn one needed no response; the rejection was one").isEqualTo(1.0);
        assertThat(t.path("satisfactionRate").asDouble()).isCloseTo((1 + 0.5) / 2, within(1e-4));
        assertThat(t.path("resolutionRate").asDouble()).isEqualTo(1.0);
        assertThat(excluded.path("definitions").path("notEvaluated").asText()).contains("EXCLUDED").contains("逾期未评价");

        JsonNode asSatisfied = stats(StatsProperties.NotEvaluated.SATISFIED, from, to);
        assertThat(asSatisfied.path("total").path("satisfactionRate").asDouble()).isCloseTo((2 + 0.5) / 3, within(1e-4));
        assertThat(asSatisfied.path("definitions").path("satisfactionRate").asText()).contains("closed without an evaluation");
        JsonNode asBasically = stats(StatsProperties.NotEvaluated.BASICALLY_SATISFIED, from, to);
        assertThat(asBasically.path("total").path("satisfactionRate").asDouble()).isCloseTo((1 + 0.5 * 2) / 3, within(1e-4));
        assertThat(asBasically.path("definitions").path("notEvaluated").asText()).contains("BASICALLY_SATISFIED");

        // the application's own setting is the default, EXCLUDED, and says so
        assertThat(getJson("/api/v1/stats/cases?from=" + from + "&to=" + to, "operator").path("definitions").path("notEvaluated").asText())
                .contains("EXCLUDED");
    }
}
