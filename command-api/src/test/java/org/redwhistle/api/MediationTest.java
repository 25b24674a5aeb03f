package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.mediation.DisputeCategory;
import org.redwhistle.api.mediation.DisputeRequested;
import org.redwhistle.api.mediation.DisputeSettled;
import org.redwhistle.api.mediation.Disputes;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.ReferralTarget;
import org.redwhistle.api.mediation.internal.DisputeService;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * 小调解: a dispute up the chain 代办员 → 调解员/和事佬 → 法律顾问 ending in a signed agreement (a skipped level and
 * steps out of order refused with a 409 in words, the wrong level's people refused), the agreement's PDF text, the
 * appeal contract both ways, the levels' working-day limits and the overdue flag at given moments, the
 * statistics' figures, and the roles and villages refused.
 */
class MediationTest extends IntegrationTest {

    @Autowired
    DisputeService disputes;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    org.springframework.context.ConfigurableApplicationContext context;

    /** Every DisputeSettled published in this context, whichever thread published it (the REST handlers' pool). */
    static final List<DisputeSettled> SETTLED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static boolean listening;
    @Autowired
    Calendars calendars;

    static final Disputes.Actor TEST = new Disputes.Actor("test", "测试调解员");

    MediationFixture f;

    @BeforeEach
    void registry() {
        f = new MediationFixture(jdbc);
        synchronized (MediationTest.class) {
            if (!listening) {
                context.addApplicationListener((org.springframework.context.ApplicationListener<org.springframework.context.ApplicationEvent>) e -> {
                    if (e instanceof org.springframework.context.PayloadApplicationEvent<?> p && p.getPayload() instanceof DisputeSettled s) {
                        SETTLED.add(s);
                    }
                });
                listening = true;
            }
        }
    }

    @Test
    void aDisputeGoesUpTheChainLevelByLevelAndEndsInASignedAgreement() throws Exception {
        JsonNode d = call("POST", "/api/v1/mediation/disputes", "agent-1", Map.of("title", "院墙滴水纠纷", "category", "BUILDING_ADJACENCY",
                "description", "王家新砌院墙雨水滴入李家院内", "level", "AGENT", "parties", List.of(
                        Map.of("side", "APPLICANT", "householdId", f.household), Map.of("side", "RESPONDENT", "householdId", f.otherHousehold))), 201);
        long id = d.path("id").asLong();
        assertThat(d.path("levelLabel").asText()).isEqualTo("代办员");
        assertThat(d.path("agentName").asText()).isNotBlank();
        assertThat(d.path("parties").get(0).path("name").asText()).isEqualTo("李测甲");
        // the handler sees the address and the phone masked, never the full phone nor the ID number
        assertThat(d.path("parties").get(0).path("details").asText()).contains("东顶村老村西片 8 号").contains("139****0001")
                .doesNotContain("13900000001").doesNotContain("370304199001010011").doesNotContain("身份证");
        assertThat(jdbc.sql("select string_agg(coalesce(details, ''), '|') from dispute_party where dispute_id = ?").param(d.path("id").asLong())
                .query(String.class).single()).doesNotContain("13900000001").doesNotContain("370304199001010011");
        String base = "/api/v1/mediation/disputes/" + id;

        // a skipped level is refused in words; the mediators do not see the agent's disputes yet
        JsonNode skip = call("POST", base + "/escalate", "agent-1", Map.of("to", "LEGAL", "reason", "直接找律师"), 409);
        assertThat(skip.path("detail").asText()).contains("不能越级").contains("调解员、和事佬");
        call("GET", base, "mediator", null, 404);
        call("POST", base + "/refer", "agent-1", Map.of("to", "TOWN_COMMITTEE", "reason", "调不成"), 409);

        call("POST", base + "/sessions", "agent-1", Map.of("place", "李家院内", "present", "李测甲、王测乙", "notes", "双方各执一词"), 201);
        call("POST", base + "/escalate", "agent-1", Map.of("to", "MEDIATION", "reason", "代办员调解未果"), 200);
        // the agent still sees it (their household) but no longer handles it, nor sees the parties' details
        JsonNode seenByAgent = call("GET", base, "agent-1", null, 200);
        assertThat(seenByAgent.path("mayHandle").asBoolean()).isFalse();
        assertThat(seenByAgent.path("parties").get(0).path("details").isNull()).isTrue();
        call("POST", base + "/sessions", "agent-1", Map.of("place", "x", "present", "x", "notes", "x"), 403);
        call("POST", base + "/escalate", "lawyer-1", Map.of("to", "LEGAL", "reason", "x"), 404); // not at their level yet

        call("POST", base + "/sessions", "peacemaker-1", Map.of("place", "村调委会调解室", "present", "李测甲、王测乙", "notes", "和事佬到场说和，未果"), 201);
        JsonNode atMediation = call("POST", base + "/escalate", "mediator", Map.of("to", "LEGAL", "reason", "涉及相邻权法律问题"), 200);
        assertThat(atMediation.path("levelLabel").asText()).isEqualTo("法律顾问");
        call("POST", base + "/escalate", "lawyer-1", Map.of("to", "LEGAL", "reason", "x"), 409);
        call("POST", base + "/sign-off", "lawyer-1", Map.of("partiesConfirmed", "李测甲、王测乙"), 409); // nothing generated yet
        call("POST", base + "/agreement/generate", "lawyer-1", null, 409); // nothing drafted yet

        call("PUT", base + "/agreement", "lawyer-1", Map.of("facts", "王测乙新砌院墙未设檐沟，雨水滴入李测甲院内。",
                "terms", "王测乙于院墙顶加装檐沟，将雨水引向自家院内。", "performance", "王测乙自行施工，李测甲予以配合。",
                "performanceDue", "2027-01-31"), 200);
        JsonNode generated = call("POST", base + "/agreement/generate", "lawyer-1", null, 200);
        assertThat(generated.path("hasAgreement").asBoolean()).isTrue();
        JsonNode settled = call("POST", base + "/sign-off", "lawyer-1", Map.of("partiesConfirmed", "李测甲、王测乙"), 200);
        assertThat(settled.path("statusLabel").asText()).isEqualTo("调解成功");
        String lawyer = jdbc.sql("select name from person where id = ?").param(f.lawyer).query(String.class).single();
        assertThat(settled.path("agreement").path("mediatorSignedBy").asText()).isEqualTo(lawyer);
        call("POST", base + "/escalate", "lawyer-1", Map.of("to", "LEGAL", "reason", "x"), 409);
        call("POST", base + "/withdraw", "lawyer-1", Map.of("reason", "x"), 409);

        byte[] pdf = http().get().uri(base + "/agreement.pdf").header("Authorization", "Bearer " + token("lawyer-1")).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF).expectBody().returnResult().getResponseBody();
        assertThat(new String(pdf, 0, 4)).isEqualTo("%PDF");
        String text = text(pdf);
        // the (audited) agreement names the parties with their phone and ID number, read from the registry now
        assertThat(text).contains("人民调解协议书").contains("李测甲").contains("王测乙").contains("13900000001");
        assertThat(text.replaceAll("\\s", "")).contains("身份证号：370304199001010011");
        assertThat(text)
                .contains("加装檐沟").contains("2027年1月31日").contains(lawyer);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'mediation.agreement-downloaded' and entity_id = ?")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(1);
        // the committee oversees it, without the parties' personal data or the documents
        JsonNode seenByCommittee = call("GET", base, "committee-dongding", null, 200);
        assertThat(seenByCommittee.path("parties").get(0).path("details").isNull()).isTrue();
        call("GET", base + "/agreement.pdf", "committee-dongding", null, 403);

        DisputeSettled end = SETTLED.stream().filter(e -> e.disputeId() == id).findFirst().orElseThrow();
        assertThat(end.resolved()).isTrue();
        assertThat(end.level()).isEqualTo("LEGAL");
        assertThat(end.origin()).isNull();
        assertThat(end.outcome()).contains("法律顾问");
    }

    @Test
    void theAppealContractOpensAtTheMediatorsAndAnswersWhenItLeavesTheVillage() throws Exception {
        Instant now = Instant.now();
        publisher.publishEvent(new DisputeRequested("compact-violation:777", f.village, "对违约处理不服的申诉", "加高房屋遮挡后邻采光，申诉暂停福利的处理",
                List.of(f.household), "committee-dongding", now));
        long id = jdbc.sql("select id from dispute where origin = 'compact-violation:777' order by id desc limit 1").query(Long.class).single();
        String base = "/api/v1/mediation/disputes/" + id;
        JsonNode d = call("GET", base, "mediator", null, 200);
        assertThat(d.path("level").asText()).isEqualTo("MEDIATION");
        assertThat(d.path("originLabel").asText()).contains("777");
        assertThat(d.path("parties").get(0).path("name").asText()).isEqualTo("李测甲");
        assertThat(d.path("openedBy").asText()).isEqualTo(jdbc.sql("select display_name from app_user where username = 'committee-dongding'")
                .query(String.class).single());

        call("POST", base + "/escalate", "mediator", Map.of("to", "LEGAL", "reason", "当事人坚持申诉"), 200);
        JsonNode referred = call("POST", base + "/refer", "lawyer-1", Map.of("to", "TOWN_COMMITTEE", "reason", "村内调解不成"), 200);
        assertThat(referred.path("statusLabel").asText()).isEqualTo("移交村外");
        assertThat(referred.path("referredTo").asText()).isEqualTo("八陡镇人民调解委员会");

        DisputeSettled end = SETTLED.stream().filter(e -> e.disputeId() == id).findFirst().orElseThrow();
        assertThat(end.origin()).isEqualTo("compact-violation:777");
        assertThat(end.resolved()).isFalse();
        assertThat(end.level()).isEqualTo("LEGAL");
        assertThat(end.outcome()).contains("八陡镇人民调解委员会");

        byte[] file = http().get().uri(base + "/file.pdf").header("Authorization", "Bearer " + token("lawyer-1")).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat(text(file)).contains("调解卷宗").contains("八陡镇人民调解委员会").contains("李测甲").contains("当事人坚持申诉");
    }

    @Test
    void aResidentsAppealShowsTheirNameNotTheirPhoneNumber() {
        publisher.publishEvent(new DisputeRequested("compact-violation:778", f.village, "村民对违约处理的申诉", "申诉",
                List.of(f.household), "13810000001", Instant.now()));
        long id = jdbc.sql("select id from dispute where origin = 'compact-violation:778' order by id desc limit 1").query(Long.class).single();
        JsonNode d = call("GET", "/api/v1/mediation/disputes/" + id, "mediator", null, 200);
        assertThat(d.path("openedBy").asText()).isNotBlank().doesNotContain("13810000001");
        assertThat(d.toString()).doesNotContain("13810000001");
        assertThat(jdbc.sql("select string_agg(actor, '|') from dispute_step where dispute_id = ?").param(id).query(String.class).single())
                .doesNotContain("13810000001");
    }

    @Test
    void eachLevelHasItsWorkingDayLimitAndTheSweepFlagsItOverdueOnce() {
        Instant monday = Instant.parse("2026-03-02T02:00:00Z"); // 10:00 in Shanghai
        long id = disputes.open(new Disputes.NewDispute(f.village, "限期测试", DisputeCategory.NEIGHBOURS, "测试时限", null, MediationLevel.AGENT, null,
                List.of(new Disputes.PartyInput(Disputes.Side.APPLICANT, f.household, null, null, null))), TEST, monday);
        Instant agentDue = Instant.parse("2026-03-05T15:59:59.999Z"); // the end of Thursday 5 March, the third working day after
        assertThat(due(id)).isEqualTo(agentDue);

        assertThat(overdueAt(id)).isNull();
        disputes.flagOverdue(agentDue.minusSeconds(1));
        assertThat(overdueAt(id)).isNull();
        disputes.flagOverdue(agentDue.plusSeconds(1));
        assertThat(overdueAt(id)).isEqualTo(agentDue.plusSeconds(1));
        disputes.flagOverdue(agentDue.plusSeconds(60));
        assertThat(jdbc.sql("select count(*) from dispute_step where dispute_id = ? and action like '逾期%'").param(id).query(Long.class).single())
                .isEqualTo(1);

        // escalated: the mediators' ten working days from the escalation (Friday 6 March → Friday 20 March), the flag cleared
        Instant friday = Instant.parse("2026-03-06T01:00:00Z");
        disputes.escalate(id, MediationLevel.MEDIATION, "超过时限，升级", TEST, friday);
        assertThat(due(id)).isEqualTo(Instant.parse("2026-03-20T15:59:59.999Z")).isEqualTo(calendars.calendar().deadline(friday, 10));
        assertThat(overdueAt(id)).isNull();
        disputes.escalate(id, MediationLevel.LEGAL, "升级", TEST, friday);
        assertThat(due(id)).isEqualTo(calendars.calendar().deadline(friday, 15));
        disputes.withdraw(id, "测试结束", TEST, friday);
    }

    @Test
    void statisticsCountTheEndedDisputesByCategoryOutcomeAndLevel() {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        Instant june = Instant.parse("2025-06-02T02:00:00Z");
        long a = settle(shy, DisputeCategory.NEIGHBOURS, june, june.plusSeconds(4 * 86400), false);
        long b = settle(shy, DisputeCategory.NEIGHBOURS, june, june.plusSeconds(8 * 86400), false);
        long c = settle(shy, DisputeCategory.CONTRACT_DEBT, june, june.plusSeconds(12 * 86400), true);
        long r = open(shy, DisputeCategory.HOMESTEAD_LAND, june);
        disputes.escalate(r, MediationLevel.LEGAL, "法律问题", TEST, june);
        disputes.refer(r, ReferralTarget.LEGAL_AID, "需法律援助", TEST, june.plusSeconds(20 * 86400));
        long w = open(shy, DisputeCategory.NEIGHBOURS, june);
        disputes.withdraw(w, "双方自行和解", TEST, june.plusSeconds(86400));
        assertThat(List.of(a, b, c)).doesNotHaveDuplicates();

        JsonNode s = call("GET", "/api/v1/mediation/stats?areaId=" + shy + "&from=2025-06-01&to=2025-07-01", "committee", null, 200);
        JsonNode t = s.path("total");
        assertThat(t.path("ended").asInt()).isEqualTo(5);
        assertThat(t.path("settled").asInt()).isEqualTo(3);
        assertThat(t.path("referred").asInt()).isEqualTo(1);
        assertThat(t.path("withdrawn").asInt()).isEqualTo(1);
        assertThat(t.path("keptInVillageRate").asDouble()).isEqualTo(0.6);
        assertThat(t.path("averageDaysToSettle").asDouble()).isEqualTo(8.0);
        assertThat(t.path("medianDaysToSettle").asDouble()).isEqualTo(8.0);
        assertThat(t.path("settledByLevel").findValues("settled").stream().map(JsonNode::asInt).toList()).containsExactly(0, 2, 1);
        JsonNode neighbours = t.path("byCategory").get(0);
        assertThat(neighbours.path("label").asText()).isEqualTo("邻里纠纷");
        assertThat(neighbours.path("ended").asInt()).isEqualTo(3);
        assertThat(neighbours.path("withdrawn").asInt()).isEqualTo(1);
        assertThat(s.path("villages")).hasSize(1);

        // the district's leader sees the same village inside their district; another village's committee does not
        JsonNode leader = call("GET", "/api/v1/mediation/stats?areaId=" + shy + "&from=2025-06-01&to=2025-07-01", "leader", null, 200);
        assertThat(leader.path("total").path("settled").asInt()).isEqualTo(3);
        call("GET", "/api/v1/mediation/stats?areaId=" + shy, "committee-dongding", null, 404);
        call("GET", "/api/v1/mediation/stats?areaId=" + f.village, "committee", null, 404);
    }

    @Test
    void otherRolesAndOtherVillagesAreRefused() {
        JsonNode d = call("POST", "/api/v1/mediation/disputes", "committee-dongding", Map.of("title", "赡养费纠纷", "category", "SUPPORT",
                "description", "兄弟二人对老人赡养费分担有争议", "parties", List.of(Map.of("householdId", f.otherHousehold), Map.of("name", "外村人 孟某",
                        "side", "RESPONDENT"))), 201);
        long id = d.path("id").asLong();
        assertThat(d.path("levelLabel").asText()).isEqualTo("调解员、和事佬");
        String base = "/api/v1/mediation/disputes/" + id;
        for (String role : List.of("grid1", "leader", "operator", "department", "patrol1", "police", "integrator")) {
            call("GET", "/api/v1/mediation/disputes", role, null, 403);
            call("POST", "/api/v1/mediation/disputes", role, Map.of(), 403);
        }
        // a resident only their own: not this one (another household's)
        call("GET", base, "13810000001", null, 404);
        call("GET", "/api/v1/mediation/stats", "mediator", null, 403);
        call("GET", "/api/v1/mediation/stats", "resident", null, 403);
        // the committee oversees but does not mediate
        call("POST", base + "/sessions", "committee-dongding", Map.of("place", "x", "present", "x", "notes", "x"), 403);
        // another community's committee sees nothing of 东顶村
        call("GET", base, "committee", null, 404);
        assertThat(ids(call("GET", "/api/v1/mediation/disputes", "committee", null, 200))).doesNotContain(id);
        call("GET", "/api/v1/mediation/rosters?areaId=" + f.village, "committee", null, 404);
        // an agent opens only at their own level; a legal adviser not at all
        call("POST", "/api/v1/mediation/disputes", "agent-1", Map.of("title", "x", "category", "OTHER", "description", "x", "level", "MEDIATION",
                "parties", List.of(Map.of("name", "某"))), 403);
        call("POST", "/api/v1/mediation/disputes", "lawyer-1", Map.of("title", "x", "category", "OTHER", "description", "x", "level", "MEDIATION",
                "parties", List.of(Map.of("name", "某"))), 403);
        JsonNode legal = call("POST", "/api/v1/mediation/disputes", "lawyer-1", Map.of("title", "x", "category", "OTHER", "description", "x",
                "level", "LEGAL", "parties", List.of(Map.of("name", "某"))), 409);
        assertThat(legal.path("detail").asText()).contains("逐级升级");
        // bad input names the field
        JsonNode bad = call("POST", "/api/v1/mediation/disputes", "committee-dongding", Map.of("title", "x", "category", "QUARREL",
                "description", "x", "parties", List.of(Map.of("name", "某"))), 400);
        assertThat(bad.toString()).contains("category");

        JsonNode rosters = call("GET", "/api/v1/mediation/rosters", "mediator", null, 200);
        assertThat(rosters.path("villageName").asText()).isEqualTo("东顶村");
        assertThat(rosters.path("teams").findValues("roleLabel").stream().map(JsonNode::asText).toList())
                .containsExactly("代办员", "调解员", "和事佬", "法律顾问");
        assertThat(rosters.path("you").path("levelLabels").get(0).asText()).isEqualTo("调解员、和事佬");
        call("POST", base + "/withdraw", "mediator", Map.of("reason", "测试结束"), 200);
    }

    @Test
    void aResidentAsksForMediationAndFollowsOnlyTheirOwn() {
        JsonNode d = call("POST", "/api/v1/mediation/disputes", "13810000001", Map.of("title", "邻居堆放柴草堵路", "category", "NEIGHBOURS",
                "description", "邻居在巷道里堆放柴草，出入不便", "parties", List.of(Map.of("name", "邻居 张某", "side", "RESPONDENT"))), 201);
        long id = d.path("id").asLong();
        assertThat(d.path("level").asText()).isEqualTo("AGENT"); // their household has a 代办员
        assertThat(d.path("parties").findValues("sideLabel").stream().map(JsonNode::asText).toList()).containsExactly("申请人", "被申请人");
        assertThat(d.path("mayHandle").asBoolean()).isFalse();
        assertThat(d.path("parties").get(0).path("details").isNull()).isTrue();
        // their 代办员 handles it
        call("POST", "/api/v1/mediation/disputes/" + id + "/sessions", "agent-1", Map.of("place", "巷口", "present", "双方", "notes", "已约定清理"), 201);
        assertThat(ids(call("GET", "/api/v1/mediation/disputes", "13810000001", null, 200))).contains(id).allMatch(x -> x == id || jdbc.sql("select count(*) from dispute_party where dispute_id = ? and (person_id = ? or "
                        + "household_id = (select household_id from person where id = ?))").params(x, f.villager, f.villager).query(Long.class).single() > 0);
        // no steps of their own
        call("POST", "/api/v1/mediation/disputes/" + id + "/withdraw", "13810000001", Map.of("reason", "x"), 403);
        call("GET", "/api/v1/mediation/disputes/" + id, "13810000002", null, 404); // another villager, not in the registry here
        call("POST", "/api/v1/mediation/disputes", "resident", Map.of("title", "x", "category", "OTHER", "description", "x"), 403); // not in a registry
        call("POST", "/api/v1/mediation/disputes/" + id + "/withdraw", "agent-1", Map.of("reason", "双方已自行清理"), 200);
    }

    // ---- helpers ----

    /** The ids of a dispute list's items. */
    private static List<Long> ids(JsonNode list) {
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode item : list.path("items")) {
            out.add(item.path("id").asLong());
        }
        return out;
    }

    private long open(long area, DisputeCategory c, Instant at) {
        return disputes.open(new Disputes.NewDispute(area, c.label() + "统计测试", c, "统计测试", null, MediationLevel.MEDIATION, null,
                List.of(new Disputes.PartyInput(Disputes.Side.APPLICANT, null, null, "测试当事人", null))), TEST, at);
    }

    private long settle(long area, DisputeCategory c, Instant opened, Instant settled, boolean legal) {
        long id = open(area, c, opened);
        if (legal) {
            disputes.escalate(id, MediationLevel.LEGAL, "升级", TEST, opened);
        }
        disputes.draftAgreement(id, new Disputes.AgreementDraft(null, "双方和解", null, null), TEST, settled);
        disputes.generateAgreement(id, TEST, settled);
        disputes.signOff(id, "测试当事人", TEST, settled);
        return id;
    }

    private Instant due(long id) {
        return jdbc.sql("select level_due from dispute where id = ?").param(id).query(java.sql.Timestamp.class).single().toInstant();
    }

    private Instant overdueAt(long id) {
        java.sql.Timestamp t = jdbc.sql("select overdue_at from dispute where id = ?").param(id).query((rs, i) -> rs.getTimestamp(1)).list().get(0);
        return t == null ? null : t.toInstant();
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private JsonNode call(String method, String path, String user, Object body, int status) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user));
        var exchange = body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        byte[] bytes = exchange.expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return bytes == null || bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
    }
}
