package org.redwhistle.api.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

import tools.jackson.databind.JsonNode;

/**
 * Leads to rewards: a lead sent by patrol1, reviewed valid by the 广文街道 police, its outcome recorded, a reward
 * proposed and approved by the station's leader, paid from the district's fund of the year (balance down,
 * ledger row, audit, the member alerted); a reward the fund cannot cover refused by the database, through the
 * API (409 with the figures) and by SQL that bypasses the code; the roles that must be refused.
 */
class LeadsRewardsTest extends IntegrationTest {

    /** The application's clock: the year of the fund is the clock's (Beijing time), not the machine's. */
    @Autowired
    private Clock clock;

    private int thisYear() {
        return clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).getYear();
    }

    private long memberOf(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username).query(Long.class).single();
    }

    private long areaOf(String username) {
        return jdbc.sql("select area_id from app_user where username = ?").param(username).query(Long.class).single();
    }

    /** The status of a call (for calls made at once from two threads). */
    private int status(String user, String path, Object body) {
        return http().post().uri(path).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange().expectBody().returnResult()
                .getStatus().value();
    }

    private JsonNode call(String method, String user, String path, Object body, int status) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user));
        var r = (body == null ? spec : spec.bodyValue(body)).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return r.getResponseBody() == null ? null : JSON.readTree(r.getResponseBody());
    }

    private JsonNode post(String user, String path, Object body, int status) {
        return call("POST", user, path, body == null ? Map.of() : body, status);
    }

    private long lead(String user, String text) {
        return post(user, "/api/v1/members/me/leads", Map.of("lon", 119.1240, "lat", 36.7040, "text", text), 200).path("leadId").asLong();
    }

    private long validLead(String text) {
        long id = lead("patrol1", text);
        post("police", "/api/v1/leads/" + id + "/review", Map.of("status", "VALID", "note", "经核查属实"), 200);
        return id;
    }

    private BigDecimal balance() {
        return getJson("/api/v1/rewards/fund", "police").path("balanceYuan").decimalValue();
    }

    @Test
    void aValidLeadIsRewardedAndPaidFromTheYearsFund() throws Exception {
        long patrol1 = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol1'").query(Long.class).single();
        try (StompTestClient phone = StompTestClient.open(port); StompTestClient leader = StompTestClient.open(port)) {
            phone.connect(token("patrol1"));
            phone.subscribe("a", "/user/queue/alerts");
            leader.connect(token("police-leader"));
            leader.subscribe("a", "/user/queue/alerts");

            long id = lead("patrol1", "车棚里有人逐辆拉拽电动车车锁，穿灰色外套");
            JsonNode listed = getJson("/api/v1/leads?status=NEW", "police").path("items");
            assertThat(listed.valueStream().map(l -> l.path("id").asLong())).contains(id);
            JsonNode fresh = getJson("/api/v1/leads/" + id, "police");
            assertThat(fresh.path("statusLabel").asText()).isEqualTo("待核查");
            assertThat(fresh.path("member").asText()).contains("孙");

            JsonNode checking = post("police", "/api/v1/leads/" + id + "/review", Map.of("status", "REVIEWING"), 200);
            assertThat(checking.path("statusLabel").asText()).isEqualTo("核实中");
            post("police", "/api/v1/leads/" + id + "/review", Map.of("status", "REVIEWING"), 409);
            post("police", "/api/v1/leads/" + id + "/review", Map.of("status", "VALID"), 400); // a judgement says what was found
            post("police", "/api/v1/leads/" + id + "/outcome", Map.of("suspectsCaught", 1), 409); // not yet valid
            JsonNode judged = post("police", "/api/v1/leads/" + id + "/review", Map.of("status", "VALID", "note", "调取监控确认为盗窃电动车嫌疑人"), 200);
            assertThat(judged.path("status").asText()).isEqualTo("VALID");
            assertThat(judged.path("reviewedBy").asText()).isEqualTo("police");
            var judgedAlert = phone.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"leadId\":" + id), Duration.ofSeconds(5));
            assertThat(judgedAlert.body()).contains("lead.judged").contains("有效");

            JsonNode outcome = post("police", "/api/v1/leads/" + id + "/outcome",
                    Map.of("suspectsCaught", 1, "propertyDescription", "电动车一辆", "propertyValueYuan", 3200), 200);
            assertThat(outcome.path("suspectsCaught").asInt()).isEqualTo(1);
            assertThat(outcome.path("propertyValueYuan").decimalValue()).isEqualByComparingTo("3200");

            post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 0, "reason", "x"), 400);
            post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 10.001, "reason", "x"), 400);
            post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 100), 400); // no reason
            JsonNode reward = post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 1500, "reason", "协助抓获盗窃电动车嫌疑人"), 200);
            long rewardId = reward.path("id").asLong();
            assertThat(reward.path("kind").asText()).as("a lead with suspects caught is an arrest").isEqualTo("ARREST");
            assertThat(reward.path("statusLabel").asText()).isEqualTo("待审批");
            assertThat(reward.path("memberId").asLong()).isEqualTo(patrol1);
            post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 800, "reason", "再次提请"), 409); // one per lead per member
            var proposedAlert = leader.await(f -> f.command().equals("MESSAGE") && f.body().contains("\"rewardId\":" + rewardId), Duration.ofSeconds(5));
            assertThat(proposedAlert.body()).contains("reward.proposed").contains("¥1,500.00");

            post("police", "/api/v1/rewards/" + rewardId + "/approve", null, 403); // police propose, their leader approves
            post("leader", "/api/v1/rewards/" + rewardId + "/approve", null, 403);
            BigDecimal before = balance();
            JsonNode approved = post("police-leader", "/api/v1/rewards/" + rewardId + "/approve", Map.of("note", "同意"), 200);
            assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
            assertThat(approved.path("statusLabel").asText()).isEqualTo("已批准并支付");
            assertThat(approved.path("fundYear").asInt()).isEqualTo(thisYear());
            post("police-leader", "/api/v1/rewards/" + rewardId + "/approve", null, 409); // paid once

            JsonNode fund = getJson("/api/v1/rewards/fund", "police-leader");
            assertThat(fund.path("balanceYuan").decimalValue()).isEqualByComparingTo(before.subtract(new BigDecimal("1500")));
            JsonNode last = fund.path("movements").get(fund.path("movements").size() - 1);
            assertThat(last.path("kind").asText()).isEqualTo("PAYMENT");
            assertThat(last.path("kindLabel").asText()).isEqualTo("奖励支出");
            assertThat(last.path("rewardId").asLong()).isEqualTo(rewardId);
            assertThat(last.path("balanceAfterYuan").decimalValue()).isEqualByComparingTo(fund.path("balanceYuan").decimalValue());
            assertThat(fund.path("movements").get(0).path("kind").asText()).isEqualTo("ALLOCATION");
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'fund.payment' and detail ->> 'rewardId' = ?")
                    .param(String.valueOf(rewardId)).query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'reward.approved' and entity_id = ?")
                    .param(String.valueOf(rewardId)).query(Long.class).single()).isEqualTo(1);
            var paidAlert = phone.await(f -> f.command().equals("MESSAGE") && f.body().contains("reward.paid") && f.body().contains("\"rewardId\":" + rewardId),
                    Duration.ofSeconds(5));
            assertThat(paidAlert.body()).contains("¥1,500.00");

            JsonNode mine = getJson("/api/v1/rewards", "patrol1").path("items");
            assertThat(mine.valueStream().map(r -> r.path("id").asLong())).contains(rewardId);
            assertThat(mine.valueStream().allMatch(r -> r.path("memberId").asLong() == patrol1)).isTrue();
            JsonNode report = getJson("/api/v1/rewards/report", "police-leader");
            assertThat(report.path("rewards").valueStream().map(r -> r.path("rewardId").asLong())).contains(rewardId);
            assertThat(report.path("paidYuan").decimalValue()).isEqualByComparingTo(fund.path("paidYuan").decimalValue());
            assertThat(report.path("byMember").valueStream().map(g -> g.path("name").asText())).anyMatch(n -> n.contains("孙"));
        }
    }

    @Test
    void aRewardTheFundCannotCoverIsRefusedByTheDatabase() {
        long id = validLead("工地夜间有人翻墙进入，搬运钢筋");
        BigDecimal balance = balance();
        BigDecimal tooMuch = balance.add(new BigDecimal("1000"));
        long rewardId = post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", tooMuch, "reason", "测试超额"), 200).path("id").asLong();
        JsonNode refused = post("police-leader", "/api/v1/rewards/" + rewardId + "/approve", null, 409);
        assertThat(refused.path("detail").asText()).isEqualTo("奖励基金余额不足：本年度余额 " + yuan(balance) + "，本次奖励 " + yuan(tooMuch));
        assertThat(getJson("/api/v1/rewards?leadId=" + id, "police").path("items").get(0).path("status").asText()).isEqualTo("PROPOSED");
        assertThat(balance()).isEqualByComparingTo(balance);

        // the application's own database role, bypassing the code: the database refuses too
        long fundId = jdbc.sql("select id from reward_fund where year = ? order by id limit 1").param(thisYear()).query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("insert into reward_fund_movement (fund_id, kind, amount, reward_id, actor, at) values (?, 'PAYMENT', ?, ?, 'sql', now())")
                .params(fundId, tooMuch, rewardId).update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("reward_fund_balance_non_negative");
        assertThatThrownBy(() -> jdbc.sql("update reward_fund set balance = balance - ? where id = ?").params(tooMuch, fundId).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("move only with a row of reward_fund_movement");
        assertThatThrownBy(() -> jdbc.sql("update reward_fund set balance = 1000000000 where id = ?").param(fundId).update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("delete from reward_fund_movement where fund_id = ?").param(fundId).update())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("insert into reward_fund (area_id, year, balance) values ((select area_id from reward_fund where id = ?), 2199, 5000)")
                .param(fundId).update()).isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("starts at zero");
        assertThat(balance()).isEqualByComparingTo(balance);

        // the leader refuses it instead, saying why
        post("police-leader", "/api/v1/rewards/" + rewardId + "/refuse", Map.of(), 400);
        assertThat(post("police-leader", "/api/v1/rewards/" + rewardId + "/refuse", Map.of("note", "超出本年度基金余额"), 200).path("statusLabel").asText())
                .isEqualTo("未批准");
    }

    @Test
    void eachRoleReachesOnlyItsOwn() {
        long id = lead("patrol1", "快递驿站附近有陌生人翻找他人包裹");
        long other = lead("patrol2", "网吧门口有未成年人深夜聚集");
        post("patrol1", "/api/v1/leads/" + id + "/review", Map.of("status", "VALID", "note", "x"), 403); // members do not review
        post("operator", "/api/v1/leads/" + id + "/review", Map.of("status", "VALID", "note", "x"), 403);
        post("patrol1", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 500, "reason", "x"), 403);
        // the police of another street see neither the lead nor may they review it
        call("GET", "police-dongguan", "/api/v1/leads/" + id, null, 404);
        assertThat(getJson("/api/v1/leads", "police-dongguan").path("items").valueStream().map(l -> l.path("id").asLong())).doesNotContain(id);
        post("police-dongguan", "/api/v1/leads/" + id + "/review", Map.of("status", "REVIEWING"), 404);
        // a patrol member sees their own leads only
        JsonNode mine = getJson("/api/v1/leads", "patrol1").path("items");
        assertThat(mine.valueStream().map(l -> l.path("id").asLong())).contains(id).doesNotContain(other);
        long patrol1 = jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = 'patrol1'").query(Long.class).single();
        assertThat(mine.valueStream().allMatch(l -> l.path("memberId").asLong() == patrol1)).isTrue();
        call("GET", "patrol1", "/api/v1/leads/" + other, null, 404);
        call("GET", "patrol1", "/api/v1/rewards/fund", null, 403);
        call("GET", "resident", "/api/v1/leads", null, 403);
        // only administrators put money into the fund
        post("police-leader", "/api/v1/rewards/fund/movements", Map.of("kind", "TOP_UP", "amountYuan", 1000), 403);
        BigDecimal before = balance();
        JsonNode topped = post("admin", "/api/v1/rewards/fund/movements", Map.of("kind", "TOP_UP", "amountYuan", 1000, "note", "追加"), 200);
        assertThat(topped.path("balanceYuan").decimalValue()).isEqualByComparingTo(before.add(new BigDecimal("1000")));
        post("admin", "/api/v1/rewards/fund/movements", Map.of("kind", "ALLOCATION", "amountYuan", 1000), 409); // this year's exists
        post("admin", "/api/v1/rewards/fund/movements", Map.of("kind", "PAYMENT", "amountYuan", 1000), 400);
        // a lead becomes an alarm and a case, linked
        post("police", "/api/v1/leads/" + other + "/review", Map.of("status", "VALID", "note", "属实"), 200);
        JsonNode alarmed = post("police", "/api/v1/leads/" + other + "/to-alarm", Map.of("note", "需立即出警"), 200);
        long alarmId = alarmed.path("alarmId").asLong();
        assertThat(getJson("/api/v1/alarms/" + alarmId, "operator").path("zoneId").asText()).isEqualTo("lead:" + other);
        post("police", "/api/v1/leads/" + other + "/to-alarm", Map.of("note", "again"), 409);
        JsonNode cased = post("police", "/api/v1/leads/" + other + "/to-case", Map.of("note", "请社区跟进"), 200);
        long caseId = cased.path("caseId").asLong();
        assertThat(getJson("/api/v1/cases/" + caseId, "operator").path("description").asText()).contains("线索 #" + other);
    }

    @Test
    void theDemoHasAYearOfLeadsAndTheStatisticsCountThem() {
        long demoLeads = jdbc.sql("select count(*) from lead where created_at < now() - interval '2 days'").query(Long.class).single();
        assertThat(demoLeads).isGreaterThanOrEqualTo(300);
        long suspects = jdbc.sql("select coalesce(sum(suspects_caught), 0) from lead where created_at > now() - interval '366 days'").query(Long.class).single();
        assertThat(suspects).isBetween(20L, 80L);
        assertThat(jdbc.sql("select count(*) from reward where status = 'APPROVED'").query(Long.class).single()).isGreaterThan(20);
        assertThat(jdbc.sql("select count(*) from reward where status = 'PROPOSED'").query(Long.class).single()).isGreaterThanOrEqualTo(2);
        // every fund's balance is its ledger's sum (money in less payments)
        assertThat(jdbc.sql("""
                select count(*) from reward_fund f where f.balance <> coalesce((select sum(case when kind = 'PAYMENT' then -amount else amount end)
                                                                              from reward_fund_movement where fund_id = f.id), 0)""")
                .query(Long.class).single()).isZero();
        int year = thisYear();
        JsonNode stats = getJson("/api/v1/leads/stats?year=" + year, "leader");
        assertThat(stats.path("leads").asLong()).isPositive();
        assertThat(stats.path("fundBudgetYuan").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("250000"));
        for (String field : new String[] {"reviewing", "valid", "invalid", "suspectsCaught", "propertyRecoveredYuan", "rewardsPaidCount", "rewardsPaidYuan",
            "fundBalanceYuan"}) {
            assertThat(stats.path(field).isNumber()).as(field).isTrue();
        }
        JsonNode street = getJson("/api/v1/leads/stats?year=" + year, "police-dongguan");
        assertThat(street.path("leads").asLong()).as("another street's leads are not theirs").isLessThan(stats.path("leads").asLong());
        call("GET", "police-dongguan", "/api/v1/leads/stats?areaId=" + stats.path("areaId").asLong(), null, 404);
        call("GET", "patrol1", "/api/v1/leads/stats", null, 403);
    }

    @Test
    void aRewardGoesToTheLeadsSenderOrAPatrolMemberOfTheProposersArea() {
        long id = validLead("小区东门有人兜售来历不明的手机");
        long street = areaOf("police");
        // a police officer's own member record is no 平安联盟 member
        JsonNode notPatrol = post("police", "/api/v1/rewards", Map.of("leadId", id, "memberId", memberOf("police"), "amountYuan", 500, "reason", "协助"), 400);
        assertThat(notPatrol.path("errors").get(0).path("field").asText()).isEqualTo("memberId");
        assertThat(notPatrol.path("detail").asText()).startsWith("受奖人须为线索提交人或本辖区的平安联盟队员");
        post("police", "/api/v1/rewards", Map.of("leadId", id, "memberId", 999_999_999L, "amountYuan", 500, "reason", "协助"), 400);
        // a patrol member of another street
        long outsider = outsidePatrolMember(street);
        JsonNode outside = post("police", "/api/v1/rewards", Map.of("leadId", id, "memberId", outsider, "amountYuan", 500, "reason", "协助"), 400);
        assertThat(outside.path("errors").get(0).path("field").asText()).isEqualTo("memberId");
        assertThat(jdbc.sql("select count(*) from reward where lead_id = ?").param(id).query(Long.class).single()).isZero();
        // a patrol member of the street who helped, and the sender
        long patrol2 = memberOf("patrol2");
        assertThat(post("police", "/api/v1/rewards", Map.of("leadId", id, "memberId", patrol2, "amountYuan", 300, "reason", "协助抓获"), 200)
                .path("memberId").asLong()).isEqualTo(patrol2);
        assertThat(post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 500, "reason", "提供线索"), 200).path("memberId").asLong())
                .isEqualTo(memberOf("patrol1"));
    }

    @Test
    void theProposerAndTheBeneficiaryDoNotApprove() {
        // 四眼原则: the station's leader proposes (as the police may), and may not approve their own proposal
        long id = validLead("地下车库有人撬车窗");
        JsonNode own = post("police-leader", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 400, "reason", "提供有效线索"), 200);
        BigDecimal before = balance();
        JsonNode refused = post("police-leader", "/api/v1/rewards/" + own.path("id").asLong() + "/approve", null, 409);
        assertThat(refused.path("detail").asText()).isEqualTo("四眼原则：提请人不能审批自己的提请，请由其他审批人审批");
        assertThat(balance()).isEqualByComparingTo(before);

        // a reward to the leader's own member record (a patrol member of the street, as an arrest's helper)
        long leaderMember = jdbc.sql("insert into member (name, role, affiliation, area_id, user_id) values ('测试 彭', 'PATROL', '测试', ?, "
                + "(select id from app_user where username = 'police-leader')) returning id").param(areaOf("police-leader")).query(Long.class).single();
        try {
            long id2 = validLead("菜市场附近有人散发诈骗传单");
            long rewardId = post("police", "/api/v1/rewards", Map.of("leadId", id2, "memberId", leaderMember, "amountYuan", 200, "reason", "协助"), 200)
                    .path("id").asLong();
            JsonNode self = post("police-leader", "/api/v1/rewards/" + rewardId + "/approve", null, 409);
            assertThat(self.path("detail").asText()).isEqualTo("四眼原则：不能审批发给本人的奖励，请由其他审批人审批");
            assertThat(getJson("/api/v1/rewards?leadId=" + id2, "police").path("items").get(0).path("status").asText()).isEqualTo("PROPOSED");
        } finally {
            jdbc.sql("delete from reward where member_id = ?").param(leaderMember).update();
            jdbc.sql("delete from member where id = ?").param(leaderMember).update();
        }
    }

    @Test
    void aLeadReJudgedInvalidIsNotPaid() {
        long id = validLead("夜间有人在楼道内撬门锁");
        long rewardId = post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 600, "reason", "提供有效线索"), 200).path("id").asLong();
        post("police", "/api/v1/leads/" + id + "/review", Map.of("status", "INVALID", "note", "复核发现为住户本人忘带钥匙"), 200);
        BigDecimal before = balance();
        JsonNode refused = post("police-leader", "/api/v1/rewards/" + rewardId + "/approve", Map.of("note", "同意"), 409);
        assertThat(refused.path("detail").asText()).isEqualTo("线索已被改判为无效，不能支付奖励");
        assertThat(refused.path("errors").get(0).path("field").asText()).isEqualTo("leadId");
        assertThat(getJson("/api/v1/rewards?leadId=" + id, "police").path("items").get(0).path("status").asText()).isEqualTo("PROPOSED");
        assertThat(balance()).isEqualByComparingTo(before);
        assertThat(jdbc.sql("select count(*) from reward_fund_movement where reward_id = ?").param(rewardId).query(Long.class).single()).isZero();
    }

    @Test
    void theFundsFiguresAndOtherStreetsNamesAreNotEveryones() {
        // the command center holds alliance.stats but not fund.read: the lead figures without the fund's
        JsonNode operator = getJson("/api/v1/leads/stats", "operator");
        assertThat(operator.path("leads").isNumber()).isTrue();
        assertThat(operator.path("fundBudgetYuan").isNull()).as("operator's fundBudgetYuan").isTrue();
        assertThat(operator.path("fundBalanceYuan").isNull()).as("operator's fundBalanceYuan").isTrue();
        assertThat(getJson("/api/v1/leads/stats", "police").path("fundBalanceYuan").isNumber()).isTrue();

        // a reward paid this year in the street (through the API, which creates the year's fund if need be)
        long id = validLead("商场地下通道有人尾随独行女性");
        long inside = post("police", "/api/v1/rewards", Map.of("leadId", id, "amountYuan", 100, "reason", "提供有效线索"), 200).path("id").asLong();
        post("police-leader", "/api/v1/rewards/" + inside + "/approve", null, 200);
        // and one of another street of the district, paid from the same fund (written as that street's approval would)
        long street = areaOf("police");
        long outsider = outsidePatrolMember(street);
        String outsiderName = jdbc.sql("select name from member where id = ?").param(outsider).query(String.class).single();
        long fundId = jdbc.sql("select fund_id from reward where id = ?").param(inside).query(Long.class).single();
        long lead = jdbc.sql("""
                insert into lead (member_id, text, location, area_path, created_at, status)
                values (?, '测试：外辖区线索', st_setsrid(st_makepoint(119.14, 36.70), 4326), (select a.path from member m join area a on a.id = m.area_id where m.id = ?),
                        now(), 'VALID') returning id""").params(outsider, outsider).query(Long.class).single();
        long outside = jdbc.sql("""
                insert into reward (lead_id, member_id, kind, amount, reason, area_path, proposed_by, proposed_at)
                select id, member_id, 'VALID_LEAD', 1, '测试：外辖区奖励', area_path, 'test', now() from lead where id = ? returning id""")
                .param(lead).query(Long.class).single();
        jdbc.sql("insert into reward_fund_movement (fund_id, kind, amount, reward_id, actor, at, note) values (?, 'PAYMENT', 1, ?, 'test', now(), ?)")
                .params(fundId, outside, "奖励 #" + outside + "：" + outsiderName + "，有效线索").update();
        jdbc.sql("update reward set status = 'APPROVED', fund_id = ?, decided_by = 'test', decided_at = now() where id = ?").params(fundId, outside).update();

        JsonNode district = getJson("/api/v1/rewards/report", "leader");
        JsonNode mine = getJson("/api/v1/rewards/report", "police");
        assertThat(district.path("rewards").valueStream().map(r -> r.path("rewardId").asLong())).contains(inside, outside);
        assertThat(mine.path("rewards").valueStream().map(r -> r.path("rewardId").asLong())).contains(inside).doesNotContain(outside);
        List<Long> shown = mine.path("rewards").valueStream().map(r -> r.path("rewardId").asLong()).toList();
        assertThat(jdbc.sql("select count(*) from reward where id = any(?) and not (? = any(area_path))").params(shown.toArray(Long[]::new), street)
                .query(Long.class).single()).as("rows of the report outside the reader's street").isZero();
        assertThat(mine.path("byMember").valueStream().map(g -> g.path("name").asText())).doesNotContain(outsiderName);
        // the totals are the district fund's
        assertThat(mine.path("paidCount").asInt()).isEqualTo(district.path("paidCount").asInt());
        assertThat(mine.path("paidYuan").decimalValue()).isEqualByComparingTo(district.path("paidYuan").decimalValue());
        assertThat(mine.path("balanceYuan").decimalValue()).isEqualByComparingTo(district.path("balanceYuan").decimalValue());
        // the ledger keeps every row (the balance adds up) without the other street's names
        JsonNode ledger = getJson("/api/v1/rewards/fund", "police").path("movements");
        JsonNode row = ledger.valueStream().filter(m -> m.path("rewardId").asLong() == outside).findFirst().orElseThrow();
        assertThat(row.path("note").asText()).isEqualTo("非本辖区奖励");
        assertThat(row.path("signedYuan").decimalValue()).isEqualByComparingTo("-1");
        assertThat(ledger.valueStream().map(m -> m.path("note").asText())).noneMatch(n -> n.contains(outsiderName));
        JsonNode all = getJson("/api/v1/rewards/fund", "leader").path("movements");
        assertThat(all.valueStream().filter(m -> m.path("rewardId").asLong() == outside).findFirst().orElseThrow().path("note").asText())
                .contains(outsiderName);
    }

    @Test
    void aDoubleClickMakesOneCaseAndOneAlarm() {
        long id = validLead("废品站附近有人收购来路不明的电缆");
        String path = "/api/v1/leads/" + id;
        token("police");
        for (String to : new String[] {"/to-case", "/to-alarm"}) {
            var first = CompletableFuture.supplyAsync(() -> status("police", path + to, Map.of("note", "请跟进")));
            var second = CompletableFuture.supplyAsync(() -> status("police", path + to, Map.of("note", "请跟进")));
            assertThat(List.of(first.join(), second.join())).as(to).containsExactlyInAnyOrder(200, 409);
        }
        assertThat(jdbc.sql("select count(*) from case_file where description like ?").param("线索 #" + id + "（%").query(Long.class).single()).isEqualTo(1);
        JsonNode lead = getJson(path, "police");
        assertThat(lead.path("caseId").isNumber()).isTrue();
        assertThat(lead.path("alarmId").isNumber()).isTrue();
        assertThat(jdbc.sql("select count(*) from audit_log where action in ('lead.to-case', 'lead.to-alarm') and entity_id = ?").param(String.valueOf(id))
                .query(Long.class).single()).isEqualTo(2);
    }

    /** A 平安联盟 member of the district outside the street (the demo's alliance has them in every street). */
    private long outsidePatrolMember(long street) {
        return jdbc.sql("select m.id from member m join area a on a.id = m.area_id where m.role = 'PATROL' and not (? = any(a.path)) order by m.id limit 1")
                .param(street).query(Long.class).optional()
                .orElseGet(() -> jdbc.sql("insert into member (name, role, affiliation, area_id) values ('测试 外辖区队员', 'PATROL', '测试', "
                        + "(select area_id from app_user where username = 'police-dongguan')) returning id").query(Long.class).single());
    }

    private static String yuan(BigDecimal v) {
        return String.format(java.util.Locale.ROOT, "¥%,.2f", v);
    }
}
