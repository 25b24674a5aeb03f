package org.redwhistle.api.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A membership from the resident's application through the police's vetting (the resident's own account becomes
 * a patrol member's, who signs in and reads their membership) to suspension (going on duty refused with the
 * reason) and reinstatement; the police's entry for someone without an account (an account made with a one-time
 * password); the badge's public check; and who is refused.
 */
class AllianceEnrolmentTest extends AllianceTestSupport {

    @Test
    void aResidentIsVettedIntoTheAllianceAndSuspendedOffDuty() {
        String phone = newResident("居民 邢");
        String resident = login(phone, SERVICES.demoPassword());
        String idNumber = newIdNumber();
        JsonNode applied = json(post(resident, "/api/v1/alliance/applications",
                Map.of("name", "邢国强", "phone", phone, "idNumber", idNumber, "trade", "出租车司机", "employer", "潍坊恒信出租汽车公司")), 201);
        long id = applied.path("member").path("id").asLong();
        assertThat(applied.path("member").path("status").asText()).isEqualTo("APPLIED");
        assertThat(applied.path("member").path("statusLabel").asText()).isEqualTo("待审核");
        assertThat(applied.path("member").path("idNumber").asText()).isEqualTo("**************" + idNumber.substring(14));
        assertThat(applied.path("member").path("tradeLabel").asText()).isEqualTo("出租车司机");
        assertThat(json(get(resident, "/api/v1/alliance/applications/mine"), 200).path("items").get(0).path("member").path("id").asLong()).isEqualTo(id);
        // a second application while the first waits
        assertThat(json(post(resident, "/api/v1/alliance/applications",
                Map.of("name", "邢国强", "phone", phone, "idNumber", idNumber, "trade", "TAXI")), 409).path("detail").asText()).contains("待审核");

        // the resident may not vet; the police of another street do not see the application
        post(resident, "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", true, "teamId", teamId(GUANGWEN_TEAM))).expectStatus().isForbidden();
        post(token("police-dongguan"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", true, "teamId", teamId(GUANGWEN_TEAM)))
                .expectStatus().isNotFound();
        get(token("police-dongguan"), "/api/v1/alliance/members/" + id).expectStatus().isNotFound();
        // approving needs a team, and one of the officer's own area
        assertThat(json(post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", true)), 400).path("errors").get(0)
                .path("field").asText()).isEqualTo("teamId");
        post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", true, "teamId", teamId("东关街道平安联盟队")))
                .expectStatus().isBadRequest();

        JsonNode vetted = json(post(token("police"), "/api/v1/alliance/members/" + id + "/vet",
                Map.of("approve", true, "teamId", teamId(GUANGWEN_TEAM), "note", "经核实，同意入盟")), 200);
        assertThat(vetted.path("account").path("username").asText()).isEqualTo(phone);
        assertThat(vetted.path("account").path("promoted").asBoolean()).isTrue();
        assertThat(vetted.path("account").path("initialPassword").isNull()).isTrue();
        assertThat(vetted.path("record").path("member").path("status").asText()).isEqualTo("ACTIVE");
        assertThat(vetted.path("record").path("member").path("badgeNo").asText()).matches("370705-\\d{5}");
        assertThat(vetted.path("record").path("member").path("team").asText()).isEqualTo(GUANGWEN_TEAM);
        assertThat(jdbc.sql("select role from app_user where username = ?").param(phone).query(String.class).single()).isEqualTo("PATROL");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'user.role' and entity_id = (select id::text from app_user where username = ?)")
                .param(phone).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select role || ' ' || affiliation from member where user_id = (select id from app_user where username = ?)").param(phone)
                .query(String.class).single()).isEqualTo("PATROL 出租车司机 · 潍坊恒信出租汽车公司");
        // vetting again is not possible
        assertThat(json(post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", false, "note", "x")), 409).path("detail")
                .asText()).contains("在册").contains("不能审核");

        // the same phone login is now a patrol member's
        String patrol = login(phone, SERVICES.demoPassword());
        JsonNode me = json(get(patrol, "/api/v1/alliance/me"), 200);
        assertThat(me.path("allianceId").asLong()).isEqualTo(id);
        assertThat(me.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(me.path("statusLabel").asText()).isEqualTo("在册");
        assertThat(me.path("team").asText()).isEqualTo(GUANGWEN_TEAM);
        assertThat(me.path("memberId").asLong()).isPositive();
        String badge = me.path("badgeToken").asText();
        assertThat(json(get(patrol, "/api/v1/public/badges/" + badge), 200).path("statusLabel").asText()).isEqualTo("在册有效");
        // not on duty before the pre-duty training (岗前培训), then on duty once the police record the pass
        JsonNode untrained = JSON.readTree(http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + patrol)
                .bodyValue(Map.of("state", "AVAILABLE")).exchange().expectStatus().isEqualTo(409).expectBody().returnResult().getResponseBody());
        assertThat(untrained.path("detail").asText()).contains("未完成岗前培训");
        trained(me.path("memberId").asLong());
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + patrol).bodyValue(Map.of("state", "AVAILABLE"))
                .exchange().expectStatus().isOk();
        // a patrol member sees only their own membership
        assertThat(json(get(patrol, "/api/v1/alliance/members"), 200).path("items")).hasSize(1);
        post(patrol, "/api/v1/alliance/members/" + id + "/suspend", Map.of("reason", "x")).expectStatus().isForbidden();

        // suspended: off duty at once, and refused when going on duty again, with the reason
        assertThat(json(post(token("police"), "/api/v1/alliance/members/" + id + "/suspend", Map.of()), 400).path("errors").get(0).path("field")
                .asText()).isEqualTo("reason");
        JsonNode suspended = json(post(token("police"), "/api/v1/alliance/members/" + id + "/suspend", Map.of("reason", "连续两个月未参加巡逻")), 200);
        assertThat(suspended.path("member").path("statusLabel").asText()).isEqualTo("暂停");
        assertThat(jdbc.sql("select state from member where id = ?").param(me.path("memberId").asLong()).query(String.class).single()).isEqualTo("OFF_DUTY");
        JsonNode refused = JSON.readTree(http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + patrol)
                .bodyValue(Map.of("state", "AVAILABLE")).exchange().expectStatus().isEqualTo(409).expectBody().returnResult().getResponseBody());
        assertThat(refused.path("detail").asText()).isEqualTo("平安联盟队员资格已暂停，不能上岗（原因：连续两个月未参加巡逻）");
        JsonNode check = json(get(patrol, "/api/v1/public/badges/" + badge), 200);
        assertThat(check.path("valid").asBoolean()).isFalse();
        assertThat(check.path("statusLabel").asText()).isEqualTo("已暂停");
        // suspending twice is refused in words
        assertThat(json(post(token("police"), "/api/v1/alliance/members/" + id + "/suspend", Map.of("reason", "x")), 409).path("detail").asText())
                .isEqualTo("邢国强 当前为「暂停」，不能暂停");

        json(post(token("police"), "/api/v1/alliance/members/" + id + "/reinstate", Map.of("reason", "已谈话，恢复")), 200);
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + patrol).bodyValue(Map.of("state", "AVAILABLE"))
                .exchange().expectStatus().isOk();
        http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + patrol).bodyValue(Map.of("state", "OFF_DUTY"))
                .exchange().expectStatus().isOk();
        assertThat(json(post(token("police"), "/api/v1/alliance/members/" + id + "/reinstate", Map.of()), 409).path("detail").asText())
                .contains("当前为「在册」");

        // the record keeps every change, with who and why
        JsonNode record = json(get(token("police-leader"), "/api/v1/alliance/members/" + id), 200);
        List<String> steps = new ArrayList<>();
        record.path("history").forEach(h -> steps.add(h.path("toLabel").asText() + ":" + h.path("actor").asText()));
        assertThat(steps).containsExactly("待审核:" + phone, "在册:police", "暂停:police", "在册:police");
        assertThat(record.path("history").get(2).path("reason").asText()).isEqualTo("连续两个月未参加巡逻");
        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'alliance_member' and entity_id = ?").param(String.valueOf(id))
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void thePoliceEnterSomeoneWithoutAnAccountWhoGetsAOneTimePassword() {
        String phone = "176" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        JsonNode entered = json(post(token("police"), "/api/v1/alliance/members",
                Map.of("name", "栾淑珍", "phone", phone, "idNumber", newIdNumber(), "trade", "SANITATION", "employer", "奎文区环境卫生服务中心")), 201);
        long id = entered.path("member").path("id").asLong();
        assertThat(entered.path("member").path("appliedBy").asText()).isEqualTo("police");
        JsonNode bad = json(post(token("police"), "/api/v1/alliance/members",
                Map.of("name", "栾淑珍", "phone", "12345", "idNumber", "370705198805121235", "trade", "厨师")), 400);
        assertThat(bad.path("errors").get(0).path("field").asText()).isEqualTo("phone");
        JsonNode vetted = json(post(token("police-leader"), "/api/v1/alliance/members/" + id + "/vet",
                Map.of("approve", true, "teamId", teamId(GUANGWEN_TEAM))), 200);
        String password = vetted.path("account").path("initialPassword").asText();
        assertThat(password).hasSize(10);
        assertThat(vetted.path("account").path("promoted").asBoolean()).isFalse();
        String patrol = login(phone, password);
        assertThat(json(get(patrol, "/api/v1/alliance/me"), 200).path("name").asText()).isEqualTo("栾淑珍");
        // the password is not shown again
        assertThat(json(get(token("police"), "/api/v1/alliance/members/" + id), 200).toString()).doesNotContain(password);

        json(post(token("police"), "/api/v1/alliance/members/" + id + "/leave", Map.of("reason", "本人申请退出")), 200);
        JsonNode refused = JSON.readTree(http().put().uri("/api/v1/members/me/state").header("Authorization", "Bearer " + patrol)
                .bodyValue(Map.of("state", "AVAILABLE")).exchange().expectStatus().isEqualTo(409).expectBody().returnResult().getResponseBody());
        assertThat(refused.path("detail").asText()).isEqualTo("您已退出平安联盟，不能上岗");
    }

    @Test
    void aRejectedApplicationSaysWhyAndMayBeMadeAgain() {
        String phone = newResident("居民 屈");
        String resident = login(phone, SERVICES.demoPassword());
        String idNumber = newIdNumber();
        long id = json(post(resident, "/api/v1/alliance/applications",
                Map.of("name", "屈海燕", "phone", phone, "idNumber", idNumber, "trade", "个体工商户")), 201).path("member").path("id").asLong();
        post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", false)).expectStatus().isBadRequest();
        json(post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", false, "note", "工作单位无法核实")), 200);
        JsonNode mine = json(get(resident, "/api/v1/alliance/applications/mine"), 200).path("items").get(0);
        assertThat(mine.path("member").path("statusLabel").asText()).isEqualTo("未通过");
        assertThat(mine.path("member").path("statusReason").asText()).isEqualTo("工作单位无法核实");
        assertThat(jdbc.sql("select role from app_user where username = ?").param(phone).query(String.class).single()).isEqualTo("RESIDENT");
        JsonNode again = json(post(resident, "/api/v1/alliance/applications",
                Map.of("name", "屈海燕", "phone", phone, "idNumber", idNumber, "trade", "个体工商户", "employer", "鸢飞路早餐店")), 201);
        assertThat(again.path("member").path("id").asLong()).isEqualTo(id);
        assertThat(again.path("member").path("status").asText()).isEqualTo("APPLIED");
    }

    @Test
    void theBadgeSaysOnlyNameTeamTradeAndStatusAndAReissueVoidsTheOldOne() {
        String phone = "175" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        long id = json(post(token("police"), "/api/v1/alliance/members",
                Map.of("name", "郇立新", "phone", phone, "idNumber", newIdNumber(), "trade", "PARK", "employer", "白浪河湿地公园管理处")), 201)
                .path("member").path("id").asLong();
        // no badge before vetting
        assertThat(json(post(token("police"), "/api/v1/alliance/members/" + id + "/badge", Map.of()), 409).path("detail").asText()).contains("待审核");
        JsonNode member = json(post(token("police"), "/api/v1/alliance/members/" + id + "/vet", Map.of("approve", true, "teamId", teamId(GUANGWEN_TEAM))),
                200).path("record").path("member");
        String old = member.path("badgeToken").asText();
        JsonNode check = json(http().get().uri("/api/v1/public/badges/" + old).exchange(), 200);
        List<String> fields = new ArrayList<>();
        check.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("valid", "status", "statusLabel", "name", "team", "ledBy", "badgeNo");
        assertThat(check.path("valid").asBoolean()).isTrue();
        assertThat(check.path("statusLabel").asText()).isEqualTo("在册有效");
        assertThat(check.path("name").asText()).isEqualTo("郇立新");
        assertThat(check.path("ledBy").asText()).isEqualTo("广文街道派出所");
        assertThat(check.path("badgeNo").asText()).isEqualTo("平安联盟 " + member.path("badgeNo").asText());
        assertThat(check.toString()).doesNotContain(phone);

        String fresh = json(post(token("police"), "/api/v1/alliance/members/" + id + "/badge", Map.of("reason", "标识遗失")), 200)
                .path("member").path("badgeToken").asText();
        assertThat(fresh).isNotEqualTo(old);
        JsonNode void_ = json(http().get().uri("/api/v1/public/badges/" + old).exchange(), 200);
        assertThat(void_.path("valid").asBoolean()).isFalse();
        assertThat(void_.path("status").asText()).isEqualTo("REISSUED");
        assertThat(void_.path("name").isNull()).as("a void badge names nobody").isTrue();
        assertThat(json(http().get().uri("/api/v1/public/badges/" + fresh).exchange(), 200).path("valid").asBoolean()).isTrue();
        // forged: the same id and version with another signature, or nonsense
        String forged = fresh.substring(0, fresh.lastIndexOf('.') + 1) + "A".repeat(43);
        assertThat(json(http().get().uri("/api/v1/public/badges/" + forged).exchange(), 200).path("statusLabel").asText()).isEqualTo("无效");
        assertThat(json(http().get().uri("/api/v1/public/badges/hello").exchange(), 200).path("name").isNull()).isTrue();
    }

    @Test
    void theFiguresAreByTradeAndTeamAndOtherRolesAreRefused() {
        JsonNode s = json(get(token("police-leader"), "/api/v1/alliance/summary"), 200);
        List<String> fields = new ArrayList<>();
        s.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("members", "applied", "suspended", "left", "byTrade", "byTeam");
        assertThat(s.path("members").asLong()).isGreaterThan(100);
        long byTrade = 0;
        for (JsonNode t : s.path("byTrade")) {
            byTrade += t.path("count").asLong();
        }
        assertThat(byTrade).isEqualTo(s.path("members").asLong());
        assertThat(s.path("byTrade").get(0).path("label").asText()).isEqualTo("物业人员");
        JsonNode team = s.path("byTeam").get(0);
        assertThat(team.path("teamId").asLong()).isPositive();
        assertThat(team.path("ledBy").asText()).endsWith("派出所");
        // 广文街道's police see 广文街道's teams only; the district's leader every street's
        assertThat(s.path("byTeam").toString()).doesNotContain("东关");
        assertThat(json(get(token("leader"), "/api/v1/alliance/summary"), 200).path("byTeam").toString()).contains("东关街道平安联盟队");
        JsonNode demo = json(get(token("admin"), "/api/v1/alliance/summary"), 200);
        assertThat(demo.path("members").asLong() + demo.path("applied").asLong() + demo.path("suspended").asLong() + demo.path("left").asLong())
                .isGreaterThan(450);

        get(token("13800000001"), "/api/v1/alliance/members").expectStatus().isForbidden();
        get(token("13800000001"), "/api/v1/alliance/summary").expectStatus().isForbidden();
        post(token("operator"), "/api/v1/alliance/members/1/vet", Map.of("approve", true)).expectStatus().isForbidden();
        post(token("police"), "/api/v1/alliance/applications", Map.of()).expectStatus().isForbidden();
        // another street's police: the area's teams and members only
        JsonNode dongguan = json(get(token("police-dongguan"), "/api/v1/alliance/members?limit=200"), 200);
        assertThat(dongguan.path("items").toString()).doesNotContain(GUANGWEN_TEAM);
        assertThat(json(get(token("police-dongguan"), "/api/v1/alliance/teams"), 200).path("items").toString()).doesNotContain("广文");
        get(token("police-dongguan"), "/api/v1/alliance/summary?areaId=" + jdbc.sql("select id from area where code = '370705001'")
                .query(Long.class).single()).expectStatus().isBadRequest();
    }

    @Test
    void theDemosPatrolMembersAreInTheRegisterOfGuangwensTeam() {
        JsonNode me = json(get(token("patrol1"), "/api/v1/alliance/me"), 200);
        assertThat(me.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(me.path("team").asText()).isEqualTo(GUANGWEN_TEAM);
        assertThat(me.path("tradeLabel").asText()).isEqualTo("小区保安");
        assertThat(json(get(token("patrol2"), "/api/v1/alliance/me"), 200).path("tradeLabel").asText()).isEqualTo("出租车司机");
        JsonNode page = json(get(token("police"), "/api/v1/alliance/members?status=在册&trade=TAXI&limit=5"), 200);
        assertThat(page.path("items")).hasSize(5);
        page.path("items").forEach(m -> assertThat(m.path("tradeLabel").asText()).isEqualTo("出租车司机"));
        JsonNode next = json(get(token("police"), "/api/v1/alliance/members?status=ACTIVE&trade=TAXI&limit=5&cursor=" + page.path("nextCursor").asLong()), 200);
        assertThat(next.path("items").get(0).path("id").asLong()).isLessThan(page.path("items").get(4).path("id").asLong() + 1);
    }
}
