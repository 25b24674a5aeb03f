package org.redwhistle.api.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.dao.DataAccessException;

import tools.jackson.databind.JsonNode;

/**
 * Leads to rewards: a lead sent by patrol1, reviewed valid by the 广文街道 police, its outcome recorded, a reward
 * proposed and approved by the station's leader, paid from the district's fund of the year (balance down,
 * ledger row, audit, the member alerted); a reward the fund cannot cover refused by the database, through the
 * API (409 with the figures) and by SQL that bypasses the code; the roles that must be refused.
 */
class LeadsRewardsTest extends IntegrationTest {

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
            assertThat(approved.path("fundYear").asInt()).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear());
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
        long fundId = jdbc.sql("select id from reward_fund where year = extract(year from now() at time zone 'Asia/Shanghai') order by id limit 1")
                .query(Long.class).single();
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
        assertThat(jdbc.sql("select count(*) from reward_fund where balance < 0").query(Long.class).single()).isZero();
        int year = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear();
        JsonNode stats = getJson("/api/v1/leads/stats?year=" + year, "leader");
        assertThat(stats.path("leads").asLong()).isPositive();
        assertThat(stats.path("fundBudgetYuan").decimalValue()).isGreaterThanOrEqualTo(new BigDecimal("250000"));
        for (String field : new String[] {"reviewing", "valid", "invalid", "suspectsCaught", "propertyRecoveredYuan", "rewardsPaidCount", "rewardsPaidYuan",
            "fundBalanceYuan"}) {
            assertThat(stats.has(field)).as(field).isTrue();
        }
        JsonNode street = getJson("/api/v1/leads/stats?year=" + year, "police-dongguan");
        assertThat(street.path("leads").asLong()).as("another street's leads are not theirs").isLessThan(stats.path("leads").asLong());
        call("GET", "police-dongguan", "/api/v1/leads/stats?areaId=" + stats.path("areaId").asLong(), null, 404);
        call("GET", "patrol1", "/api/v1/leads/stats", null, 403);
    }

    private static String yuan(BigDecimal v) {
        return String.format(java.util.Locale.ROOT, "¥%,.2f", v);
    }
}
