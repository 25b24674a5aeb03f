package org.redwhistle.api.fivesteps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.decisions.Tally;
import org.redwhistle.api.decisions.VoteRules;
import org.redwhistle.api.fivesteps.internal.FiveStepsProperties;
import org.redwhistle.api.fivesteps.internal.TaskSupervisor;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Residents;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * 五事工作法 over REST against the real database: the five steps in order (a step skipped → 409), the vote
 * counted by the system from the recorded votes under the meeting's rule, tasks' working-day deadlines and
 * the overdue sweep at a given moment, one evaluation per resident, the record public to the community's
 * residents and hidden from another community's, and the roles the policy refuses. The registry's rows the
 * residents' meeting needs (households of 松鹤园社区's first grid) are inserted here.
 */
class FiveStepsTest extends IntegrationTest {

    @Autowired
    Calendars calendars;

    @Autowired
    VoteRules rules;

    @Autowired
    TaskSupervisor supervisor;

    @Autowired
    FiveStepsProperties properties;

    long grid1;
    long community;

    record Answer(int status, JsonNode body) {
    }

    @BeforeEach
    void registry() {
        community = RegistryRows.songheyuanHouseholds(jdbc);
        grid1 = jdbc.sql("select id from area where code = '370705001001-G1'").query(Long.class).single();
    }

    private Answer call(HttpMethod method, String path, String user, Object body) {
        var spec = http().method(method).uri(path).header("Authorization", "Bearer " + token(user));
        var ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        var r = ready.exchange().expectBody().returnResult();
        byte[] b = r.getResponseBody();
        return new Answer(r.getStatus().value(), b == null || b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b));
    }

    private JsonNode ok(HttpMethod method, String path, String user, Object body) {
        Answer a = call(method, path, user, body);
        assertThat(a.status()).as(method + " " + path + " as " + user + ": " + a.body()).isBetween(200, 201);
        return a.body();
    }

    private Answer post(String path, String user, Object body) {
        return call(HttpMethod.POST, path, user, body);
    }

    private long raise(String title) {
        JsonNode p = ok(HttpMethod.POST, "/api/v1/proposals", "13800000001", Map.of("title", title, "description", "居民提出的公共事项：" + title,
                "gridId", grid1, "compound", "十四甲小区"));
        assertThat(p.path("status").asText()).isEqualTo("RAISED");
        assertThat(p.path("statusLabel").asText()).isEqualTo("居民提事");
        return p.path("id").asLong();
    }

    private String displayName(String username) {
        return jdbc.sql("select display_name from app_user where username = ?").param(username).query(String.class).single();
    }

    private Answer callWith(HttpMethod method, String path, String bearer, Object body) {
        var spec = http().method(method).uri(path).header("Authorization", "Bearer " + bearer);
        var ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        var r = ready.exchange().expectBody().returnResult();
        byte[] b = r.getResponseBody();
        return new Answer(r.getStatus().value(), b == null || b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b));
    }

    private Map<String, Object> deliberation() {
        return Map.of("heldOn", "2026-03-01", "place", "十四甲小区议事亭", "participants",
                List.of(Map.of("name", "业主代表 王", "role", "业主代表"), Map.of("name", "物业 赵", "role", "物业")),
                "opinions", List.of(Map.of("speaker", "业主代表 王", "text", "0.6 元比较合适")), "minutes", "多数意见倾向 0.6 元/平方米·月");
    }

    private long households() {
        return jdbc.sql("select count(*) from household where area_id = ? and grid_id = ?").params(community, grid1).query(Long.class).single();
    }

    @Test
    void aMatterGoesThroughTheFiveStepsInOrderWithTheVoteCountedByTheSystem() throws Exception {
        long id = raise("测试：十四甲小区物业收费标准 " + System.nanoTime());
        String p = "/api/v1/proposals/" + id;

        // steps skipped: refused with the reason in Chinese
        Answer early = post(p + "/meetings", "committee", Map.of("rule", "RESIDENTS_MEETING", "heldOn", "2026-03-10", "place", "党群服务中心",
                "motion", "按 0.6 元执行"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.body().path("detail").asText()).contains("居民提事").contains("不能");
        assertThat(post(p + "/tasks", "committee", Map.of("unitKind", "COMMUNITY", "title", "公示")).status()).isEqualTo(409);
        assertThat(post(p + "/evaluations", "13800000001", Map.of("satisfaction", "SATISFIED")).status()).isEqualTo(409);
        assertThat(post(p + "/options", "committee", Map.of("label", "方案", "amount", 0.6, "unit", "元/平方米·月", "quantity", 36000, "perYear", 12))
                .status()).isEqualTo(409);

        // 网格议事, by the grid's worker; a grid worker does not convene the deciding meeting
        JsonNode d = ok(HttpMethod.POST, p + "/deliberations", "grid1", deliberation());
        assertThat(d.path("status").asText()).isEqualTo("DELIBERATING");
        assertThat(d.path("deliberations").get(0).path("opinions").get(0).path("speaker").asText()).isEqualTo("业主代表 王");
        assertThat(post(p + "/deliberations", "grid2", deliberation()).status()).as("another grid's worker").isEqualTo(404);
        assertThat(post(p + "/meetings", "grid1", Map.of("rule", "RESIDENTS_MEETING", "heldOn", "2026-03-10", "place", "x", "motion", "按 0.6 元执行"))
                .status()).isEqualTo(403);
        JsonNode o = null;
        for (String amount : List.of("0.5", "0.6", "0.8")) {
            o = ok(HttpMethod.POST, p + "/options", "committee", Map.of("label", amount + " 元/平方米·月", "amount", new java.math.BigDecimal(amount),
                    "unit", "元/平方米·月", "quantity", 36000, "quantityUnit", "平方米", "perYear", 12));
        }
        assertThat(o.path("options")).hasSize(3);
        assertThat(o.path("options").get(1).path("total").decimalValue()).isEqualByComparingTo("259200.00");
        assertThat(o.path("options").get(1).path("costText").asText()).isEqualTo("0.6 元/平方米·月 × 36000 平方米 × 12 个月 = 每年 259200 元");
        long option = o.path("options").get(1).path("id").asLong();

        // 会议定事: a residents' meeting of the grid's households, one vote each
        JsonNode m = ok(HttpMethod.POST, p + "/meetings", "committee", Map.of("rule", "RESIDENTS_MEETING", "heldOn", "2026-03-10",
                "place", "松鹤园社区党群服务中心", "motion", "物业费按 0.6 元/平方米·月 执行", "optionId", option));
        assertThat(m.path("status").asText()).isEqualTo("VOTING");
        JsonNode meeting = m.path("meetings").get(0);
        int members = (int) households();
        assertThat(meeting.path("roster")).hasSize(members);
        assertThat(post(p + "/meetings/" + meeting.path("id").asLong() + "/close", "13800000001", Map.of()).status()).isEqualTo(403);
        // everyone present; just over half yes, one abstains, the rest against
        int yes = members / 2 + 1;
        List<Map<String, Object>> votes = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            votes.add(Map.of("memberId", meeting.path("roster").get(i).path("id").asLong(), "present", true, "vote",
                    i < yes ? "YES" : i == yes ? "ABSTAIN" : "NO"));
        }
        String mp = p + "/meetings/" + meeting.path("id").asLong();
        ok(HttpMethod.PUT, mp + "/votes", "committee", Map.of("votes", votes));
        // the resolution is pushed to the community's residents, not to another community's
        StompTestClient neighbour = StompTestClient.open(port);
        StompTestClient other = StompTestClient.open(port);
        StompTestClient housingDesk = StompTestClient.open(port);
        neighbour.connect(token("13800000003"));
        neighbour.subscribe("a", "/user/queue/alerts");
        other.connect(token("13800000004"));
        other.subscribe("a", "/user/queue/alerts");
        housingDesk.connect(token("dept-housing"));
        housingDesk.subscribe("a", "/user/queue/alerts");
        JsonNode closed = ok(HttpMethod.POST, mp + "/close", "committee", Map.of());
        String mark = "\"proposalId\":" + id + ",";
        StompTestClient.Frame pushed = neighbour.await(f -> f.body() != null && f.body().contains("proposal-resolution") && f.body().contains(mark),
                Duration.ofSeconds(10));
        assertThat(pushed).as("the resolution pushed to a resident of the community").isNotNull();
        assertThat(other.nothingMatching(f -> f.body() != null && f.body().contains(mark), Duration.ofSeconds(1))).isTrue();
        neighbour.close();
        other.close();
        Tally expected = Tally.count(rules.rule("RESIDENTS_MEETING").orElseThrow(), members, members, yes, members - yes - 1, 1);
        JsonNode result = closed.path("meetings").get(0);
        assertThat(result.path("passed").asBoolean()).isEqualTo(expected.passed()).isTrue();
        assertThat(result.path("yes").asInt()).isEqualTo(yes);
        assertThat(result.path("yesNeeded").asInt()).isEqualTo(expected.yesNeeded());
        assertThat(result.path("outcome").asText()).isEqualTo(expected.outcome());
        assertThat(closed.path("status").asText()).isEqualTo("RESOLVED");
        assertThat(closed.path("resolution").asText()).contains("0.6 元/平方米·月").contains("通过");
        assertThat(post(mp + "/close", "committee", Map.of()).status()).as("closed once").isEqualTo(409);

        // 联动办事: working-day deadlines on the official calendar
        JsonNode a = ok(HttpMethod.POST, p + "/tasks", "committee", Map.of("unitKind", "DEPARTMENT", "department", "HOUSING", "title", "指导物业服务合同备案",
                "workingDays", 3));
        ok(HttpMethod.POST, p + "/tasks", "committee", Map.of("unitKind", "COMMUNITY", "title", "公示新收费标准", "workingDays", 5));
        a = ok(HttpMethod.POST, p + "/tasks", "committee", Map.of("unitKind", "OTHER", "unitName", "十四甲小区物业服务中心", "title", "按新标准收费", "workingDays", 10));
        assertThat(a.path("status").asText()).isEqualTo("ACTING");
        assertThat(housingDesk.await(f -> f.body() != null && f.body().contains("proposal-task-assigned") && f.body().contains(mark),
                Duration.ofSeconds(10))).as("the task's alert to 区住建局's account").isNotNull();
        housingDesk.close();
        JsonNode housing = a.path("tasks").get(0);
        Instant assigned = Instant.parse(housing.path("assignedAt").asText());
        assertThat(Instant.parse(housing.path("dueAt").asText())).isEqualTo(calendars.calendar().due(assigned, 3).at());
        assertThat(Instant.parse(a.path("tasks").get(2).path("dueAt").asText())).isEqualTo(calendars.calendar().due(assigned, 10).at());
        assertThat(post(p + "/tasks", "committee", Map.of("unitKind", "DEPARTMENT", "department", "NO_SUCH", "title", "x")).status()).isEqualTo(400);

        // overdue: the sweep at a moment past the deadline flags it once
        long housingTask = housing.path("id").asLong();
        Instant late = calendars.calendar().due(assigned, 3).at().plus(Duration.ofHours(1));
        assertThat(supervisor.sweep(late)).isGreaterThanOrEqualTo(1);
        assertThat(supervisor.sweep(late)).as("flagged once").isZero();
        JsonNode overdue = ok(HttpMethod.GET, "/api/v1/proposal-tasks/overdue", "leader", null);
        // overdue as of now only once the deadline passed for real; the flag is there either way
        JsonNode flagged = ok(HttpMethod.GET, p, "committee", null).path("tasks").get(0);
        assertThat(flagged.path("overdueFlaggedAt").isNull()).isFalse();
        assertThat(overdue.path("items").isArray()).isTrue();
        assertThat(call(HttpMethod.GET, "/api/v1/proposal-tasks/overdue", "13800000001", null).status()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from proposal_step where proposal_id = ? and action = 'task-overdue'").param(id).query(Long.class).single())
                .isEqualTo(1);

        // the department sees and reports its own task; another department cannot
        JsonNode mine = ok(HttpMethod.GET, "/api/v1/proposal-tasks", "dept-housing", null);
        assertThat(mine.path("items").findValuesAsString("id")).isNotNull();
        assertThat(mine.path("items").findValues("id").stream().map(JsonNode::asLong).toList()).contains(housingTask);
        assertThat(post("/api/v1/proposal-tasks/" + housingTask + "/report", "dept-water", Map.of("note", "不是我们的")).status()).isEqualTo(404);
        assertThat(post("/api/v1/proposal-tasks/" + housingTask + "/accept", "committee", Map.of()).status()).as("not reported yet").isEqualTo(409);
        JsonNode reported = ok(HttpMethod.POST, "/api/v1/proposal-tasks/" + housingTask + "/report", "dept-housing", Map.of("note", "合同已备案"));
        assertThat(reported.path("status").asText()).isEqualTo("REPORTED");
        assertThat(post(p + "/complete", "committee", Map.of()).status()).as("tasks not accepted").isEqualTo(409);
        for (JsonNode t : ok(HttpMethod.GET, p, "committee", null).path("tasks")) {
            if (!t.path("status").asText().equals("REPORTED")) {
                ok(HttpMethod.POST, "/api/v1/proposal-tasks/" + t.path("id").asLong() + "/report", "committee", Map.of("note", "已办结"));
            }
            ok(HttpMethod.POST, "/api/v1/proposal-tasks/" + t.path("id").asLong() + "/accept", "committee", Map.of());
        }
        JsonNode done = ok(HttpMethod.POST, p + "/complete", "committee", Map.of("note", "新标准已执行"));
        assertThat(done.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(done.path("statusLabel").asText()).isEqualTo("群众评事");

        // 群众评事: once per resident
        JsonNode e = ok(HttpMethod.POST, p + "/evaluations", "13800000001", Map.of("satisfaction", "SATISFIED", "comment", "百分百足额缴费"));
        assertThat(e.path("evaluations").get(0).path("verdictLabel").asText()).isEqualTo("满意");
        Answer again = post(p + "/evaluations", "13800000001", Map.of("satisfaction", "DISSATISFIED"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("detail").asText()).contains("只能评价一次");
        ok(HttpMethod.POST, p + "/evaluations", "13800000002", Map.of("satisfaction", "BASICALLY_SATISFIED"));
        assertThat(post(p + "/evaluations", "committee", Map.of("satisfaction", "SATISFIED")).status()).isEqualTo(403);

        // the record is public to the community's residents: the figures, not who voted how
        JsonNode seen = ok(HttpMethod.GET, p, "13800000003", null);
        assertThat(seen.path("evaluationSummary").path("satisfied").asInt()).isEqualTo(1);
        assertThat(seen.path("evaluationSummary").path("basicallySatisfied").asInt()).isEqualTo(1);
        assertThat(seen.path("meetings").get(0).path("yes").asInt()).isEqualTo(yes);
        assertThat(seen.path("meetings").get(0).path("roster")).isEmpty();
        assertThat(seen.path("tasks")).hasSize(3);
        assertThat(seen.path("timeline").findValuesAsString("note")).anyMatch(n -> n.contains("决议公开"));
        // who raised and evaluated it stays with the community's staff: another resident reads 居民, nobody a user name
        String raiserName = displayName("13800000001");
        assertThat(seen.has("raisedBy")).isFalse();
        assertThat(seen.path("raisedByName").asText()).isEqualTo("居民");
        assertThat(seen.path("evaluations").findValuesAsString("name")).containsOnly("居民");
        assertThat(seen.toString()).doesNotContain("13800000001", "13800000002", raiserName, displayName("13800000002"));
        JsonNode own = ok(HttpMethod.GET, p, "13800000001", null);
        assertThat(own.path("raisedByName").asText()).isEqualTo(raiserName);
        assertThat(own.toString()).doesNotContain("13800000001", "13800000002", displayName("13800000002"));
        JsonNode staff = ok(HttpMethod.GET, p, "committee", null);
        assertThat(staff.path("raisedByName").asText()).isEqualTo(raiserName);
        assertThat(staff.path("evaluations").findValuesAsString("name")).contains(raiserName, displayName("13800000002"));
        assertThat(staff.toString()).doesNotContain("13800000001", "13800000002");
        assertThat(ok(HttpMethod.GET, "/api/v1/proposals", "13800000003", null).path("items").findValues("id").stream()
                .filter(n -> n.asLong() == id).count()).isEqualTo(1);
        assertThat(ok(HttpMethod.GET, "/api/v1/proposals", "13800000003", null).path("items").findParents("id").stream()
                .filter(n -> n.path("id").asLong() == id).map(n -> n.path("raisedByName").asText())).containsExactly("居民");
        assertThat(ok(HttpMethod.GET, "/api/v1/proposals", "13800000003", null).path("items").findValues("id").stream().map(JsonNode::asLong))
                .contains(id);

        // never to another community's residents or committees
        assertThat(call(HttpMethod.GET, p, "13800000004", null).status()).isEqualTo(404);
        assertThat(ok(HttpMethod.GET, "/api/v1/proposals", "13800000004", null).path("items").findValues("id").stream().map(JsonNode::asLong))
                .doesNotContain(id);
        assertThat(post(p + "/evaluations", "13800000004", Map.of("satisfaction", "SATISFIED")).status()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, p, "committee-kwm", null).status()).isEqualTo(404);
        assertThat(call(HttpMethod.GET, p, "committee-dongding", null).status()).isEqualTo(404);
        assertThat(ok(HttpMethod.GET, "/api/v1/proposals", "committee-dongding", null).path("items").findValues("id").stream().map(JsonNode::asLong))
                .doesNotContain(id);

        // every step is audited
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'proposal' and entity_id = ?").param(String.valueOf(id)).query(Long.class)
                .single()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aMeetingWithoutQuorumSendsTheMatterBackToDeliberation() {
        long id = raise("测试：无效会议 " + System.nanoTime());
        String p = "/api/v1/proposals/" + id;
        ok(HttpMethod.POST, p + "/deliberations", "committee", deliberation());
        JsonNode m = ok(HttpMethod.POST, p + "/meetings", "committee", Map.of("rule", "RESIDENTS_MEETING", "heldOn", "2026-03-10", "place", "x",
                "motion", "按 0.6 元执行"));
        JsonNode meeting = m.path("meetings").get(0);
        int members = meeting.path("roster").size();
        // two present, both for: not half of the households
        List<Map<String, Object>> votes = List.of(Map.of("memberId", meeting.path("roster").get(0).path("id").asLong(), "present", true, "vote", "YES"),
                Map.of("memberId", meeting.path("roster").get(1).path("id").asLong(), "present", true, "vote", "YES"));
        String mp = p + "/meetings/" + meeting.path("id").asLong();
        Answer absentVote = call(HttpMethod.PUT, mp + "/votes", "committee",
                Map.of("votes", List.of(Map.of("memberId", meeting.path("roster").get(2).path("id").asLong(), "present", false, "vote", "YES"))));
        assertThat(absentVote.status()).isEqualTo(400);
        ok(HttpMethod.PUT, mp + "/votes", "committee", Map.of("votes", votes));
        JsonNode closed = ok(HttpMethod.POST, mp + "/close", "committee", Map.of());
        Tally expected = Tally.count(rules.rule("RESIDENTS_MEETING").orElseThrow(), members, 2, 2, 0, 0);
        assertThat(expected.quorate()).isFalse();
        assertThat(closed.path("meetings").get(0).path("quorate").asBoolean()).isFalse();
        assertThat(closed.path("meetings").get(0).path("outcome").asText()).isEqualTo(expected.outcome()).startsWith("会议无效");
        assertThat(closed.path("status").asText()).isEqualTo("DELIBERATING");
        assertThat(closed.path("resolution").isNull()).isTrue();
        assertThat(post(p + "/tasks", "committee", Map.of("unitKind", "COMMUNITY", "title", "公示")).status()).isEqualTo(409);
    }

    @Test
    void rolesWithoutThePermissionAreRefused() {
        long id = raise("测试：权限 " + System.nanoTime());
        assertThat(call(HttpMethod.GET, "/api/v1/proposals", "patrol1", null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/v1/proposals/" + id, "department", null).status()).isEqualTo(403);
        assertThat(post("/api/v1/proposals/" + id + "/deliberations", "13800000001", deliberation()).status()).isEqualTo(403);
        assertThat(post("/api/v1/proposals", "operator", Map.of("title", "x", "description", "y")).status()).isEqualTo(403);
        assertThat(call(HttpMethod.GET, "/api/v1/proposal-tasks", "13800000001", null).status()).isEqualTo(403);
        // a resident raises only in their own community
        assertThat(post("/api/v1/proposals", "13800000004", Map.of("title", "越界", "description", "不是本社区", "areaId", community)).status())
                .isEqualTo(400);
        // a committee member raises for residents
        JsonNode byCommittee = ok(HttpMethod.POST, "/api/v1/proposals", "committee", Map.of("title", "代居民提事 " + System.nanoTime(),
                "description", "楼道照明", "onBehalfOf", "3 号楼居民"));
        assertThat(byCommittee.path("onBehalfOf").asText()).isEqualTo("3 号楼居民");
    }

    @Test
    void aResidentWhoSignedUpTakesPartOnlyOnceTheRegistryPlacesThemInACommunity() {
        long ours = raise("测试：自行注册的居民 " + System.nanoTime());
        long kwm = ok(HttpMethod.POST, "/api/v1/proposals", "13800000004", Map.of("title", "测试：奎文门 " + System.nanoTime(),
                "description", "奎文门社区的事项")).path("id").asLong();
        Residents.Resident newcomer = Residents.signUp(http(), "居民 新户");
        // signed up, not registered: the account sits at the top of the area tree, which holds every community
        assertThat(callWith(HttpMethod.GET, "/api/v1/proposals", newcomer.token(), null).body().path("items")).isEmpty();
        assertThat(callWith(HttpMethod.GET, "/api/v1/proposals/" + ours, newcomer.token(), null).status()).isEqualTo(404);
        assertThat(callWith(HttpMethod.GET, "/api/v1/proposals/" + kwm, newcomer.token(), null).status()).isEqualTo(404);
        assertThat(callWith(HttpMethod.POST, "/api/v1/proposals/" + ours + "/evaluations", newcomer.token(), Map.of("satisfaction", "SATISFIED"))
                .status()).isEqualTo(404);
        Answer refused = callWith(HttpMethod.POST, "/api/v1/proposals", newcomer.token(), Map.of("title", "楼道灯", "description", "楼道灯坏了"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("detail").asText()).contains("户籍");

        // the community registers them (户籍台账): their person is linked to the account
        long userId = jdbc.sql("select id from app_user where username = ?").param(newcomer.phone()).query(Long.class).single();
        long person = jdbc.sql("insert into person (area_id, name) values (?, '居民 新户') returning id").param(community).query(Long.class).single();
        jdbc.sql("update person set user_id = ? where id = ?").params(userId, person).update();

        JsonNode items = callWith(HttpMethod.GET, "/api/v1/proposals", newcomer.token(), null).body().path("items");
        assertThat(items.findValues("id").stream().map(JsonNode::asLong)).contains(ours).doesNotContain(kwm);
        assertThat(items.findValues("areaId").stream().map(JsonNode::asLong)).containsOnly(community);
        Answer seen = callWith(HttpMethod.GET, "/api/v1/proposals/" + ours, newcomer.token(), null);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().path("raisedByName").asText()).isEqualTo("居民");
        assertThat(callWith(HttpMethod.GET, "/api/v1/proposals/" + kwm, newcomer.token(), null).status()).isEqualTo(404);
        Answer raised = callWith(HttpMethod.POST, "/api/v1/proposals", newcomer.token(), Map.of("title", "测试：楼道灯 " + System.nanoTime(),
                "description", "楼道灯坏了"));
        assertThat(raised.status()).as(raised.body().toString()).isEqualTo(201);
        assertThat(raised.body().path("areaId").asLong()).isEqualTo(community);
        assertThat(raised.body().path("raisedByName").asText()).isEqualTo("居民 新户");
        assertThat(raised.body().toString()).doesNotContain(newcomer.phone());
    }

    @Test
    void theTaskSweepHasItsOwnInterval() throws Exception {
        assertThat(properties.sweepInterval()).isEqualTo(Duration.ofSeconds(60));
        var scheduled = TaskSupervisor.class.getMethod("scheduled").getAnnotation(org.springframework.scheduling.annotation.Scheduled.class);
        assertThat(scheduled.fixedDelayString()).isEqualTo("${redwhistle.fivesteps.sweep-interval:60s}");
        assertThat(scheduled.initialDelayString()).isEqualTo("${redwhistle.fivesteps.sweep-interval:60s}");
    }

    @Test
    void aComplaintCaseIsTurnedIntoAMatterOnceWithTheLinkKept() {
        JsonNode filed = ok(HttpMethod.POST, "/api/v1/cases", "13800000002", Map.of("category", "ENV", "description", "小区自行车棚杂物太多，建议改造",
                "lon", 119.1232, "lat", 36.7068));
        long caseId = filed.path("id").asLong();
        assertThat(post("/api/v1/proposals/from-case/" + caseId, "committee-kwm", Map.of("title", "车棚改造")).status()).isEqualTo(404);
        JsonNode p = ok(HttpMethod.POST, "/api/v1/proposals/from-case/" + caseId, "committee", Map.of("title", "车棚改造 " + System.nanoTime()));
        assertThat(p.path("caseId").asLong()).isEqualTo(caseId);
        assertThat(p.path("caseRef").asText()).isEqualTo(filed.path("ref").asText());
        assertThat(p.path("description").asText()).isEqualTo("小区自行车棚杂物太多，建议改造");
        assertThat(post("/api/v1/proposals/from-case/" + caseId, "operator", Map.of("title", "再转一次")).status()).isEqualTo(409);
        JsonNode byCase = ok(HttpMethod.GET, "/api/v1/proposals?caseId=" + caseId, "committee", null);
        assertThat(byCase.path("items")).hasSize(1);
        assertThat(byCase.path("items").get(0).path("id").asLong()).isEqualTo(p.path("id").asLong());
    }
}
