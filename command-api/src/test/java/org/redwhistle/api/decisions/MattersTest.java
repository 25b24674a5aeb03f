package org.redwhistle.api.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * 四议两公开 over REST against the real database: the four steps in order (a skipped step 409 with the
 * reason in Chinese), a meeting without quorum refused (409 with the tally's words) but kept as invalid,
 * the majority computed by the system, a failed motion rejecting the matter, a major matter not carried
 * out without a passed, published resolution, {@link ResolutionPublished} published once with the
 * subject, the public board without a token showing only published items and nobody's name, the
 * policy's refusals and other areas' committees kept out, the rules' validation. 东顶村's people are
 * inserted here (the registry part seeds them in the demo).
 */
class MattersTest extends IntegrationTest {

    private static final String VILLAGE = DongdingPeople.VILLAGE;
    private static final String PREFIX = DongdingPeople.PREFIX;
    private static final String CHAIR = "主持人甲乙丙";
    private static final List<ResolutionPublished> EVENTS = new CopyOnWriteArrayList<>();
    private static final List<MatterRejected> REJECTED = new CopyOnWriteArrayList<>();
    private static volatile boolean listening;

    @Autowired
    private ConfigurableApplicationContext context;

    private long village;

    @BeforeEach
    void people() {
        village = DongdingPeople.ensure(jdbc);
        if (!listening) {
            // a real listener on the running application, as the compact part's will be
            context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
                if (e.getPayload() instanceof ResolutionPublished r) {
                    EVENTS.add(r);
                }
                if (e.getPayload() instanceof MatterRejected r) {
                    REJECTED.add(r);
                }
            });
            listening = true;
        }
    }

    // ---- the four steps ----

    @Test
    void theFourStepsGoInOrderASkippedStepIsRefusedAndThePublishedResolutionIsAnnouncedOnce() {
        long id = create("COMPACT", null, "land-contract", village + ":7");
        // skipping the proposal
        assertThat(refusedStep(id, "DISCUSSION", List.of())).isEqualTo("须先完成：村党组织提议");
        JsonNode proposal = allYes(id, "PROPOSAL");
        assertThat(proposal.path("matter").path("state").asText()).isEqualTo("PROPOSED");
        assertThat(proposal.path("tally").path("passed").asBoolean()).isTrue();
        // skipping the two committees' discussion
        assertThat(refusedStep(id, "RESOLUTION", List.of())).isEqualTo("须先完成：村“两委”会议商议");
        // the proposal again: done already
        assertThat(refusedStep(id, "PROPOSAL", List.of())).startsWith("村党组织提议已经完成");
        allYes(id, "DISCUSSION");
        // the party members' meeting by show of hands: counts, not names
        JsonNode body = members(id);
        assertThat(body.path("step").asText()).isEqualTo("DELIBERATION");
        int n = body.path("members").size();
        List<Long> all = ids(body);
        JsonNode delib = step(id, "DELIBERATION", all, null, Map.of("yes", n - 1, "no", 1, "abstain", 0)).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(delib.path("tally").path("yes").asInt()).isEqualTo(n - 1);
        JsonNode m = matter(id, "committee-dongding");
        assertThat(m.path("state").asText()).isEqualTo("DELIBERATED");
        JsonNode last = m.path("steps").get(m.path("steps").size() - 1);
        assertThat(last.path("perPersonVotes").asBoolean()).isFalse();
        assertThat(last.path("tally").path("members").asInt()).isEqualTo(n);
        // the representatives: members counted from the registry, 2/3 present needed, more than half of those present to pass
        JsonNode reps = members(id);
        int r = reps.path("members").size();
        assertThat(reps.path("presentNeeded").asInt()).isEqualTo((2 * r + 2) / 3);
        assertThat(reps.path("rule").asText()).isEqualTo("REPRESENTATIVES");
        JsonNode res = allYes(id, "RESOLUTION");
        assertThat(res.path("matter").path("state").asText()).isEqualTo("RESOLVED");
        assertThat(res.path("tally").path("yesNeeded").asInt()).isEqualTo(r / 2 + 1);
        assertThat(refusedStep(id, "RESOLUTION", List.of())).contains("已经完成");

        int before = EVENTS.size();
        JsonNode published = post("/api/v1/decisions/matters/" + id + "/publication", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "经村民代表会议表决通过。", "displayUntil", today().plusDays(7).toString()))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(published.path("state").asText()).isEqualTo("PUBLISHED");
        List<ResolutionPublished> mine = EVENTS.stream().filter(e -> e.matterId() == id).toList();
        assertThat(mine).hasSize(1);
        assertThat(EVENTS.size()).isEqualTo(before + 1);
        ResolutionPublished e = mine.get(0);
        assertThat(e.subjectKind()).isEqualTo("land-contract");
        assertThat(e.subjectRef()).isEqualTo(village + ":7");
        assertThat(e.areaId()).isEqualTo(village);
        assertThat(e.passed()).isTrue();
        assertThat(e.resolvedOn()).isEqualTo(today());
        // once only
        assertThat(post("/api/v1/decisions/matters/" + id + "/publication", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "再次公开", "displayUntil", today().plusDays(7).toString()))
                .expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult().getResponseBody().path("detail").asText()).startsWith("决议已于");
        assertThat(EVENTS.stream().filter(x -> x.matterId() == id)).hasSize(1);
        assertThat(audits(id)).contains("matter.created", "matter.step-recorded", "matter.resolution-published");
    }

    @Test
    void aMeetingWithoutQuorumIsRefusedKeptAsInvalidAndDecidesNothing() {
        long id = create("OTHER", null, null, null);
        allYes(id, "PROPOSAL");
        allYes(id, "DISCUSSION");
        allYes(id, "DELIBERATION");
        JsonNode body = members(id);
        int r = body.path("members").size();
        int needed = body.path("presentNeeded").asInt();
        List<Long> few = ids(body).subList(0, needed - 1);
        Map<Long, String> votes = new LinkedHashMap<>();
        few.forEach(p -> votes.put(p, "YES"));
        String detail = step(id, "RESOLUTION", few, votes, null).expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult()
                .getResponseBody().path("detail").asText();
        assertThat(detail).isEqualTo("会议无效：应到 " + r + " 人，实到 " + (needed - 1) + " 人，不足 " + needed + " 人");
        JsonNode m = matter(id, "committee-dongding");
        assertThat(m.path("state").asText()).isEqualTo("DELIBERATED");
        assertThat(m.path("resolutionPassed").isNull()).isTrue();
        JsonNode invalid = m.path("steps").get(3);
        assertThat(invalid.path("step").asText()).isEqualTo("RESOLUTION");
        assertThat(invalid.path("valid").asBoolean()).isFalse();
        assertThat(invalid.path("tally").path("outcome").asText()).isEqualTo(detail);
        assertThat(audits(id)).contains("matter.meeting-invalid");
        // nothing can be published from an invalid meeting
        post("/api/v1/decisions/matters/" + id + "/publication", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "x", "displayUntil", today().toString())).expectStatus().isEqualTo(409);
        // the representatives meet again, with quorum
        assertThat(allYes(id, "RESOLUTION").path("matter").path("state").asText()).isEqualTo("RESOLVED");
    }

    @Test
    void theMajorityIsTheSystemsAndAFailedMotionRejectsTheMatterUntilProposedAgain() {
        long id = create("OTHER", null, null, null);
        JsonNode body = members(id);
        List<Long> present = ids(body);
        int n = present.size();
        // the branch committee: passing needs more than half of all its members (base MEMBERS); half yes is not enough
        Map<Long, String> votes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            votes.put(present.get(i), i < n / 2 ? "YES" : "NO");
        }
        JsonNode failed = step(id, "PROPOSAL", present, votes, null).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(failed.path("tally").path("quorate").asBoolean()).isTrue();
        assertThat(failed.path("tally").path("passed").asBoolean()).isFalse();
        assertThat(failed.path("tally").path("yesNeeded").asInt()).isEqualTo(n / 2 + 1);
        assertThat(failed.path("tally").path("outcome").asText()).startsWith("未通过：赞成 " + (n / 2) + " 票");
        assertThat(failed.path("matter").path("state").asText()).isEqualTo("REJECTED");
        // the rejection is announced (for the feature that asked for the decision, if any), once
        List<MatterRejected> told = REJECTED.stream().filter(r -> r.matterId() == id).toList();
        assertThat(told).hasSize(1);
        assertThat(told.get(0).step()).isEqualTo(Step.PROPOSAL);
        assertThat(told.get(0).areaId()).isEqualTo(village);
        assertThat(refusedStep(id, "DISCUSSION", List.of())).isEqualTo("议题未获通过，须重新提议后方可再议");
        // a yes/no count typed in that cannot be (more votes than present) is refused
        step(id, "PROPOSAL", present.subList(0, 1), null, Map.of("yes", 2)).expectStatus().isEqualTo(409);
        JsonNode again = post("/api/v1/decisions/matters/" + id + "/repropose", "committee-dongding", Map.of()).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(again.path("state").asText()).isEqualTo("OPEN");
        assertThat(again.path("round").asInt()).isEqualTo(2);
        step(id, "PROPOSAL", present.subList(0, 1), null, Map.of("yes", 2)).expectStatus().isBadRequest();
        assertThat(allYes(id, "PROPOSAL").path("matter").path("state").asText()).isEqualTo("PROPOSED");
    }

    @Test
    void aFailedResolutionMayBeMadePublicAnnouncedAsNotPassedAndIsNotCarriedOut() {
        long id = create("COMPACT", null, "land-contract", village + ":8");
        allYes(id, "PROPOSAL");
        allYes(id, "DISCUSSION");
        allYes(id, "DELIBERATION");
        List<Long> reps = ids(members(id));
        Map<Long, String> votes = new LinkedHashMap<>();
        reps.forEach(p -> votes.put(p, "NO"));
        votes.put(reps.get(0), "YES");
        JsonNode failed = step(id, "RESOLUTION", reps, votes, null).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(failed.path("matter").path("state").asText()).isEqualTo("REJECTED");
        assertThat(failed.path("matter").path("resolutionPassed").toString()).isEqualTo("false");
        post("/api/v1/decisions/matters/" + id + "/publication", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "村民代表会议表决未通过。", "displayUntil", today().plusDays(7).toString()))
                .expectStatus().isOk();
        List<ResolutionPublished> mine = EVENTS.stream().filter(e -> e.matterId() == id).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).passed()).isFalse();
        assertThat(mine.get(0).subjectRef()).isEqualTo(village + ":8");
        assertThat(post("/api/v1/decisions/matters/" + id + "/implementation", "committee-dongding",
                Map.of("startedOn", today().toString(), "note", "x")).expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult()
                .getResponseBody().path("detail").asText()).isEqualTo("议题未获通过，不得实施");
        assertThat(post("/api/v1/decisions/matters/" + id + "/repropose", "committee-dongding", Map.of()).expectStatus().isEqualTo(409)
                .expectBody(JsonNode.class).returnResult().getResponseBody().path("detail").asText()).contains("如需再议请新建议题");
    }

    @Test
    void aMajorMatterIsNotCarriedOutWithoutAPassedPublishedResolution() {
        JsonNode kinds = getJson("/api/v1/decisions/matter-kinds", "committee-dongding");
        int threshold = kinds.path("spendingThresholdYuan").asInt();
        assertThat(threshold).isPositive();
        // a large spending without its amount cannot slip past the resolution: the amount is required
        assertField(post("/api/v1/decisions/matters", "committee-dongding", Map.of("areaId", village, "title", "购置车辆", "kind", "LARGE_SPENDING")),
                "amountYuan");
        long spending = create("LARGE_SPENDING", threshold + 1000, null, null);
        assertThat(matter(spending, "committee-dongding").path("major").asBoolean()).isTrue();
        // major is computed again when it is carried out (a row kept as not major, say from before the rule, is still refused)
        long stale = create("LARGE_SPENDING", threshold + 500, null, null);
        jdbc.sql("update matter set major = false where id = ?").param(stale).update();
        post("/api/v1/decisions/matters/" + stale + "/implementation", "committee-dongding", Map.of("startedOn", today().toString(), "note", "先干起来"))
                .expectStatus().isEqualTo(409);
        String why = post("/api/v1/decisions/matters/" + spending + "/implementation", "committee-dongding",
                Map.of("startedOn", today().toString(), "note", "先干起来")).expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult()
                .getResponseBody().path("detail").asText();
        assertThat(why).startsWith("重大事项须经村民代表会议决议通过并公开后方可实施").contains("须先完成：村党组织提议");
        // any kind from the threshold on is major
        long otherBig = create("OTHER", threshold, null, null);
        assertThat(matter(otherBig, "committee-dongding").path("major").asBoolean()).isTrue();
        // resolved but not yet published: still refused
        for (String s : new String[] {"PROPOSAL", "DISCUSSION", "DELIBERATION", "RESOLUTION"}) {
            allYes(spending, s);
        }
        assertThat(post("/api/v1/decisions/matters/" + spending + "/implementation", "committee-dongding",
                Map.of("startedOn", today().toString(), "note", "招标")).expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult()
                .getResponseBody().path("detail").asText()).endsWith("须先完成：决议公开");
        post("/api/v1/decisions/matters/" + spending + "/publication", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "通过", "displayUntil", today().plusDays(5).toString())).expectStatus().isOk();
        post("/api/v1/decisions/matters/" + spending + "/implementation", "committee-dongding",
                Map.of("startedOn", today().toString(), "note", "招标")).expectStatus().isOk();
        JsonNode done = post("/api/v1/decisions/matters/" + spending + "/result", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "已完成", "figures", "实际支出 5.3 万元")).expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(done.path("state").asText()).isEqualTo("RESULT_PUBLISHED");
        // a small ordinary matter may be carried out without the four steps
        long small = create("OTHER", 800, null, null);
        assertThat(matter(small, "committee-dongding").path("major").asBoolean()).isFalse();
        post("/api/v1/decisions/matters/" + small + "/implementation", "committee-dongding",
                Map.of("startedOn", today().toString(), "note", "更换路灯灯泡")).expectStatus().isOk();
    }

    // ---- the public board ----

    @Test
    void theBoardIsReadWithoutATokenAndShowsOnlyPublishedItemsWithoutPersonalData() {
        long published = create("LAND", null, null, null);
        for (String s : new String[] {"PROPOSAL", "DISCUSSION", "DELIBERATION", "RESOLUTION"}) {
            allYes(published, s);
        }
        post("/api/v1/decisions/matters/" + published + "/publication", "committee-dongding",
                Map.of("publishedOn", today().toString(), "text", "土地流转方案经村民代表会议通过", "displayUntil", today().plusDays(7).toString()))
                .expectStatus().isOk();
        long resolvedOnly = create("LAND", null, null, null);
        for (String s : new String[] {"PROPOSAL", "DISCUSSION", "DELIBERATION", "RESOLUTION"}) {
            allYes(resolvedOnly, s);
        }
        byte[] raw = http().get().uri("/api/v1/public/villages/" + VILLAGE + "/board").exchange().expectStatus().isOk().expectBody().returnResult()
                .getResponseBody();
        String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode board = JSON.readTree(raw);
        assertThat(board.path("villageName").asText()).isEqualTo("东顶村");
        assertThat(board.path("townName").asText()).isEqualTo("八陡镇");
        List<Long> ids = new ArrayList<>();
        board.path("items").forEach(i -> ids.add(i.path("matterId").asLong()));
        assertThat(ids).contains(published).doesNotContain(resolvedOnly);
        JsonNode item = null;
        for (JsonNode i : board.path("items")) {
            if (i.path("matterId").asLong() == published) {
                item = i;
            }
        }
        assertThat(item.path("meetings")).hasSize(4);
        JsonNode rep = item.path("meetings").get(3);
        assertThat(rep.path("stepLabel").asText()).isEqualTo("村民代表会议决议");
        assertThat(rep.path("members").asInt()).isEqualTo(rep.path("present").asInt());
        assertThat(rep.path("ruleText").asText()).contains("2/3");
        assertThat(item.path("onDisplay").asBoolean()).isTrue();
        // nobody's name, no chair, no attendance list, no account
        assertThat(text).doesNotContain(PREFIX).doesNotContain(CHAIR).doesNotContain("committee-dongding").doesNotContain("attendance")
                .doesNotContain("\"chair\"").doesNotContain("\"members\":[");
        http().get().uri("/api/v1/public/villages/370705001001-X/board").exchange().expectStatus().isNotFound();
        // a district is no village
        http().get().uri("/api/v1/public/villages/370304/board").exchange().expectStatus().isNotFound();
        // the page itself is served without a login
        http().get().uri("/board.html").exchange().expectStatus().isOk();
    }

    // ---- who may ----

    @Test
    void rolesWithoutThePermissionAreRefusedAndOtherAreasSeeNothing() {
        long id = create("OTHER", null, null, null);
        http().get().uri("/api/v1/decisions/matters?areaId=" + village).header("Authorization", "Bearer " + token("mediator")).exchange()
                .expectStatus().isForbidden();
        post("/api/v1/decisions/matters", "resident", Map.of("areaId", village, "title", "x", "kind", "OTHER")).expectStatus().isForbidden();
        post("/api/v1/decisions/matters", "leader", Map.of("areaId", village, "title", "x", "kind", "OTHER")).expectStatus().isForbidden();
        post("/api/v1/decisions/matters/" + id + "/steps", "operator", Map.of("step", "PROPOSAL")).expectStatus().isForbidden();
        put("/api/v1/decisions/rules/REPRESENTATIVES", "committee-dongding", Map.of()).expectStatus().isForbidden();
        put("/api/v1/decisions/matter-kinds/LARGE_SPENDING", "committee-dongding", Map.of("name", "大额开支", "major", true, "thresholdYuan", 1))
                .expectStatus().isForbidden();
        // 松鹤园社区's committee: 东顶村's matter does not exist for them
        http().get().uri("/api/v1/decisions/matters/" + id).header("Authorization", "Bearer " + token("committee")).exchange().expectStatus().isNotFound();
        post("/api/v1/decisions/matters/" + id + "/steps", "committee", Map.of("step", "PROPOSAL")).expectStatus().isNotFound();
        http().get().uri("/api/v1/decisions/matters?areaId=" + village).header("Authorization", "Bearer " + token("committee")).exchange()
                .expectStatus().isNotFound();
        post("/api/v1/decisions/matters", "committee", Map.of("areaId", village, "title", "越界", "kind", "OTHER")).expectStatus().isNotFound();
        // and 东顶村's committee does not see 松鹤园社区's
        long songhe = JSON.readTree(post("/api/v1/decisions/matters", "committee", Map.of("title", "松鹤园社区议题", "kind", "OTHER")).expectStatus()
                .isCreated().expectBody().returnResult().getResponseBody()).path("id").asLong();
        http().get().uri("/api/v1/decisions/matters/" + songhe).header("Authorization", "Bearer " + token("committee-dongding")).exchange()
                .expectStatus().isNotFound();
        JsonNode mine = getJson("/api/v1/decisions/matters", "committee-dongding");
        mine.path("items").forEach(m -> assertThat(m.path("areaId").asLong()).isEqualTo(village));
        // readers beyond the village's committee never see who attended
        allYes(id, "PROPOSAL");
        JsonNode asAdmin = matter(id, "admin");
        assertThat(asAdmin.path("steps").get(0).path("members").isNull()).isTrue();
        assertThat(asAdmin.path("steps").get(0).path("attendees").isNull()).isTrue();
        assertThat(asAdmin.path("steps").get(0).path("tally").path("present").asInt()).isPositive();
        // (the village's committee does: the body's members are the registry's, the demo's and this test's people)
        assertThat(matter(id, "committee-dongding").path("steps").get(0).path("attendees").get(0).path("name").asText()).isNotBlank();
        // the vote rules are read by those who take part
        JsonNode rules = getJson("/api/v1/decisions/rules", "committee-dongding");
        assertThat(rules.path("items").findValuesAsString("text")).anyMatch(t -> t.contains("2/3"));
    }

    @Test
    void rulesAndKindsAreValidatedAndChangedByAdministratorsOnly() {
        Map<String, Object> weak = new LinkedHashMap<>(Map.of("name", "村民代表会议", "quorumNum", 1, "quorumDen", 2, "quorumStrict", true,
                "majorityNum", 1, "majorityDen", 2, "majorityStrict", true, "base", "PRESENT"));
        assertField(put("/api/v1/decisions/rules/REPRESENTATIVES", "admin", weak), "quorumNum");
        Map<String, Object> zero = new LinkedHashMap<>(weak);
        zero.put("quorumDen", 0);
        assertField(put("/api/v1/decisions/rules/GRID_COUNCIL", "admin", zero), "quorumDen");
        Map<String, Object> noBase = new LinkedHashMap<>(weak);
        noBase.remove("base");
        assertField(put("/api/v1/decisions/rules/GRID_COUNCIL", "admin", noBase), "base");
        Map<String, Object> halfNotStrict = new LinkedHashMap<>(weak);
        halfNotStrict.putAll(Map.of("quorumNum", 2, "quorumDen", 3, "quorumStrict", false, "majorityStrict", false));
        assertField(put("/api/v1/decisions/rules/REPRESENTATIVES", "admin", halfNotStrict), "majorityNum");
        put("/api/v1/decisions/rules/NO_SUCH_RULE", "admin", halfNotStrict).expectStatus().isNotFound();
        // a valid change: the grid council to two thirds present, then back
        Map<String, Object> council = new LinkedHashMap<>(Map.of("name", "网格议事会", "quorumNum", 2, "quorumDen", 3, "quorumStrict", false,
                "majorityNum", 1, "majorityDen", 2, "majorityStrict", true, "base", "PRESENT", "basis", "测试"));
        JsonNode changed = put("/api/v1/decisions/rules/GRID_COUNCIL", "admin", council).expectStatus().isOk().expectBody(JsonNode.class).returnResult()
                .getResponseBody();
        assertThat(changed.path("text").asText()).isEqualTo("到会人数不少于应到人员的 2/3 方为有效；赞成票超过到会人员的 1/2 方为通过");
        council.putAll(Map.of("quorumNum", 1, "quorumDen", 2, "quorumStrict", true, "basis", "网格议事规则：过半数议事成员到会，到会成员过半数赞成形成议事意见"));
        put("/api/v1/decisions/rules/GRID_COUNCIL", "admin", council).expectStatus().isOk();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'vote-rule.updated' and entity_id = 'GRID_COUNCIL'").query(Long.class).single())
                .isGreaterThanOrEqualTo(2);
        // the large-spending threshold
        assertField(put("/api/v1/decisions/matter-kinds/LARGE_SPENDING", "admin", Map.of("name", "大额开支", "major", true, "thresholdYuan", -1)),
                "thresholdYuan");
        assertField(put("/api/v1/decisions/matter-kinds/OTHER", "admin", Map.of("name", "其他事项", "major", false, "thresholdYuan", 100)),
                "thresholdYuan");
        JsonNode kinds = getJson("/api/v1/decisions/matter-kinds", "admin");
        int old = kinds.path("spendingThresholdYuan").asInt();
        put("/api/v1/decisions/matter-kinds/LARGE_SPENDING", "admin", Map.of("name", "大额开支", "major", true, "thresholdYuan", old + 10000, "sort", 40))
                .expectStatus().isOk();
        assertThat(getJson("/api/v1/decisions/matter-kinds", "committee-dongding").path("spendingThresholdYuan").asInt()).isEqualTo(old + 10000);
        put("/api/v1/decisions/matter-kinds/LARGE_SPENDING", "admin", Map.of("name", "大额开支", "major", true, "thresholdYuan", old, "sort", 40,
                "description", "达到限额的财务开支和公益事业投资（限额以下为一般事项）")).expectStatus().isOk();
        assertField(post("/api/v1/decisions/matter-kinds", "admin", Map.of("code", "x", "name", "x", "major", true)), "code");
    }

    // ---- helpers ----

    private long create(String kind, Integer amount, String subjectKind, String subjectRef) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("areaId", village);
        body.put("title", "测试议题 " + kind + " " + System.nanoTime());
        body.put("kind", kind);
        if (amount != null) {
            body.put("amountYuan", amount);
        }
        if (subjectKind != null) {
            body.put("subjectKind", subjectKind);
            body.put("subjectRef", subjectRef);
        }
        return JSON.readTree(post("/api/v1/decisions/matters", "committee-dongding", body).expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody()).path("id").asLong();
    }

    private JsonNode members(long id) {
        return getJson("/api/v1/decisions/matters/" + id + "/members", "committee-dongding");
    }

    private static List<Long> ids(JsonNode body) {
        List<Long> out = new ArrayList<>();
        body.path("members").forEach(m -> out.add(m.path("id").asLong()));
        return out;
    }

    /** The step with every member present voting yes. */
    private JsonNode allYes(long id, String step) {
        JsonNode body = members(id);
        assertThat(body.path("step").asText()).isEqualTo(step);
        List<Long> all = ids(body);
        Map<Long, String> votes = new LinkedHashMap<>();
        all.forEach(p -> votes.put(p, "YES"));
        return step(id, step, all, votes, null).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String refusedStep(long id, String step, List<Long> attendance) {
        return step(id, step, attendance, null, Map.of("yes", 0)).expectStatus().isEqualTo(409).expectBody(JsonNode.class).returnResult()
                .getResponseBody().path("detail").asText();
    }

    private WebTestClient.ResponseSpec step(long id, String step, List<Long> attendance, Map<Long, String> votes, Map<String, Integer> counts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", step);
        body.put("heldOn", today().toString());
        body.put("place", "东顶村村委会议室");
        body.put("chair", CHAIR);
        body.put("attendance", attendance);
        if (votes != null) {
            body.put("votes", votes);
        }
        if (counts != null) {
            body.putAll(counts);
        }
        return post("/api/v1/decisions/matters/" + id + "/steps", "committee-dongding", body);
    }

    private JsonNode matter(long id, String user) {
        return getJson("/api/v1/decisions/matters/" + id, user);
    }

    private List<String> audits(long id) {
        return jdbc.sql("select action from audit_log where entity = 'matter' and entity_id = ?").param(String.valueOf(id)).query(String.class).list();
    }

    private WebTestClient.ResponseSpec post(String path, String user, Object body) {
        return http().post().uri(path).header("Authorization", "Bearer " + token(user)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec put(String path, String user, Object body) {
        return http().put().uri(path).header("Authorization", "Bearer " + token(user)).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private static void assertField(WebTestClient.ResponseSpec r, String field) {
        JsonNode p = r.expectStatus().isBadRequest().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(p.path("errors").findValuesAsString("field")).as(p.toString()).contains(field);
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }
}
