package org.redwhistle.api.allianceduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

import tools.jackson.databind.JsonNode;

/**
 * The 平安联盟's duty over REST against the real database: equipment issued to one member at a time (a second issue
 * refused in Chinese, and by the database itself), returned damaged and repaired; the training gate (an untrained
 * PATROL member refused with the reason, an expired pass refused with its day, a valid pass let through, the demo's
 * members trained); a shift under way with 在岗 and 未到岗 members and an unscheduled member on duty; and who is
 * refused: residents, PATROL members managing, the police of another street.
 */
class AllianceDutyTest extends IntegrationTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired
    Clock clock;

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer call(String method, String user, String path, Object body) {
        var spec = http().method(org.springframework.http.HttpMethod.valueOf(method)).uri(path).header("Authorization", "Bearer " + token(user));
        var ready = body == null ? spec : spec.contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(body);
        var r = ready.exchange().expectBody().returnResult();
        byte[] b = r.getResponseBody();
        return new Answer(r.getStatus().value(), b == null || b.length == 0 ? JSON.createObjectNode() : JSON.readTree(b));
    }

    private JsonNode ok(String method, String user, String path, Object body) {
        Answer a = call(method, user, path, body);
        assertThat(a.status()).as(method + " " + path + " as " + user + ": " + a.body()).isBetween(200, 201);
        return a.body();
    }

    private long userMember(String username) {
        return jdbc.sql("select m.id from member m join app_user u on u.id = m.user_id where u.username = ?").param(username).query(Long.class).single();
    }

    private long area(String code) {
        return jdbc.sql("select id from area where code = ?").param(code).query(Long.class).single();
    }

    /** A PATROL member of this test's own in 松鹤园社区, with no account and off duty. */
    private long newMember(String name) {
        return jdbc.sql("insert into member (name, role, affiliation, area_id, state) values (?, 'PATROL', '商户', ?, 'OFF_DUTY') returning id")
                .params(name + " " + System.nanoTime() % 100000, area("370705001001")).query(Long.class).single();
    }

    private long newItem(String kind) {
        return ok("POST", "police", "/api/v1/alliance/equipment/items", Map.of("kind", kind, "assetNo", "T-" + kind + "-" + System.nanoTime(),
                "serial", "SN-T")).path("item").path("id").asLong();
    }

    @Test
    void anItemIsHeldByOneMemberAtATimeAndComesBackInTheConditionRecorded() {
        long patrol1 = userMember("patrol1");
        long patrol2 = userMember("patrol2");
        long vest = newItem("VEST");
        JsonNode issued = ok("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol1));
        assertThat(issued.path("item").path("status").asText()).isEqualTo("ISSUED");
        assertThat(issued.path("item").path("statusLabel").asText()).isEqualTo("已发放");
        assertThat(issued.path("item").path("holderId").asLong()).isEqualTo(patrol1);
        assertThat(issued.path("item").path("issuedOn").asText()).isEqualTo(today().toString());

        // a second issue while patrol1 holds it: refused, naming the holder
        Answer twice = call("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol2));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().path("detail").asText()).startsWith("反光背心（T-VEST-").contains("已发放给 平安联盟 孙（物业保安），须先收回才能再发放");
        // and by the database itself, whatever the code does
        assertThatThrownBy(() -> jdbc.sql("insert into equipment_issue (item_id, member_id, issued_on, issued_by, issued_at) values (?, ?, current_date, 'x', now())")
                .params(vest, patrol2).update()).isInstanceOf(DuplicateKeyException.class);

        // patrol1 sees it as their own; the police see it in patrol1's holdings
        JsonNode mine = getJson("/api/v1/alliance/equipment/mine", "patrol1");
        assertThat(mine.path("holding").valueStream().map(h -> h.path("itemId").asLong())).contains(vest);
        assertThat(getJson("/api/v1/alliance/equipment/members/" + patrol1, "police").path("holding").valueStream().map(h -> h.path("itemId").asLong()))
                .contains(vest);

        // back damaged: not issued again until repaired
        JsonNode back = ok("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/return", Map.of("condition", "DAMAGED", "note", "反光条脱落"));
        assertThat(back.path("item").path("status").asText()).isEqualTo("DAMAGED");
        assertThat(back.path("history").get(0).path("conditionLabel").asText()).isEqualTo("损坏");
        assertThat(back.path("history").get(0).path("returnedOn").asText()).isEqualTo(today().toString());
        Answer damaged = call("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol2));
        assertThat(damaged.status()).isEqualTo(409);
        assertThat(damaged.body().path("detail").asText()).endsWith("损坏，不能发放");
        Answer returnedTwice = call("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/return", Map.of("condition", "GOOD"));
        assertThat(returnedTwice.status()).isEqualTo(409);
        assertThat(returnedTwice.body().path("detail").asText()).endsWith("在库，未发放给任何队员");
        ok("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/repaired", Map.of("note", "更换反光条"));
        JsonNode again = ok("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol2));
        assertThat(again.path("item").path("holderName").asText()).isEqualTo("平安联盟 周（出租车司机）");
        assertThat(again.path("history")).hasSize(2);
        ok("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/return", Map.of("condition", "GOOD"));

        // a bad condition names the field; every step is in the audit log
        Answer bad = call("POST", "police", "/api/v1/alliance/equipment/items/" + vest + "/return", Map.of("condition", "BROKEN"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("condition");
        assertThat(jdbc.sql("select action from audit_log where entity = 'equipment_item' and entity_id = ? order by id").param(String.valueOf(vest))
                .query(String.class).list()).containsExactly("alliance.equipment.add", "alliance.equipment.issue", "alliance.equipment.return",
                        "alliance.equipment.repaired", "alliance.equipment.issue", "alliance.equipment.return");
    }

    @Test
    void aPatrolMemberGoesOnDutyOnlyWithAValidPreDutyTraining() {
        long m = newMember("平安联盟 测（未培训）");
        String state = "/api/v1/members/" + m + "/state";
        try {
            Answer untrained = call("PUT", "operator", state, Map.of("state", "available"));
            assertThat(untrained.status()).isEqualTo(409);
            assertThat(untrained.body().path("detail").asText()).isEqualTo("未完成岗前培训（岗前培训），不能上岗");
            JsonNode list = getJson("/api/v1/alliance/training/members", "police");
            JsonNode row = list.path("items").valueStream().filter(i -> i.path("memberId").asLong() == m).findFirst().orElseThrow();
            assertThat(row.path("cleared").asBoolean()).isFalse();
            assertThat(row.path("standings").get(0).path("standingLabel").asText()).isEqualTo("未培训");

            // passed thirteen months ago: expired a month ago (validity 12 months), refused with the day
            LocalDate old = today().minusMonths(13);
            long s1 = ok("POST", "police", "/api/v1/alliance/training/sessions", Map.of("course", "PRE_DUTY", "heldOn", old.toString(),
                    "place", "广文街道派出所", "trainer", "社区民警 吴")).path("session").path("id").asLong();
            ok("POST", "police", "/api/v1/alliance/training/sessions/" + s1 + "/records", Map.of("memberId", m, "result", "PASSED"));
            LocalDate expired = old.plusMonths(12);
            Answer lapsed = call("PUT", "operator", state, Map.of("state", "available"));
            assertThat(lapsed.status()).isEqualTo(409);
            assertThat(lapsed.body().path("detail").asText())
                    .isEqualTo("岗前培训已于 " + expired.getYear() + "年" + expired.getMonthValue() + "月" + expired.getDayOfMonth() + "日 过期，请参加复训");

            // failed a retraining: still refused; passed one ten days ago: on duty
            long s2 = ok("POST", "police", "/api/v1/alliance/training/sessions", Map.of("course", "PRE_DUTY", "heldOn", today().minusDays(10).toString(),
                    "place", "松鹤园社区党群服务中心", "trainer", "社区民警 吴")).path("session").path("id").asLong();
            ok("POST", "police", "/api/v1/alliance/training/sessions/" + s2 + "/records", Map.of("memberId", m, "result", "FAILED"));
            assertThat(call("PUT", "operator", state, Map.of("state", "available")).status()).isEqualTo(409);
            JsonNode session = ok("POST", "police", "/api/v1/alliance/training/sessions/" + s2 + "/records",
                    Map.of("memberId", m, "result", "PASSED", "note", "补考合格"));
            assertThat(session.path("records").valueStream().filter(r -> r.path("memberId").asLong() == m).findFirst().orElseThrow()
                    .path("resultLabel").asText()).isEqualTo("合格");
            assertThat(call("PUT", "operator", state, Map.of("state", "available")).status()).isEqualTo(200);
            JsonNode standing = getJson("/api/v1/alliance/training/members/" + m, "police");
            assertThat(standing.path("cleared").asBoolean()).isTrue();
            assertThat(standing.path("standings").get(0).path("expiresOn").asText()).isEqualTo(today().minusDays(10).plusMonths(12).toString());
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'alliance.training.result' and entity_id = ?").param(String.valueOf(s2))
                    .query(Long.class).single()).isEqualTo(2);
        } finally {
            jdbc.sql("update member set state = 'OFF_DUTY' where id = ?").param(m).update();
        }
    }

    @Test
    void theDemosPatrolMembersAreTrainedAndGoOnDutyFromTheirPhones() {
        for (String u : List.of("patrol1", "patrol2")) {
            JsonNode mine = getJson("/api/v1/alliance/training/mine", u);
            assertThat(mine.path("cleared").asBoolean()).as(u).isTrue();
            assertThat(LocalDate.parse(mine.path("standings").get(0).path("expiresOn").asText())).isAfter(today());
        }
        // (the demo's members start on duty; going on duty again is asked of the gate all the same)
        assertThat(call("PUT", "patrol1", "/api/v1/members/me/state", Map.of("state", "available")).status()).isEqualTo(200);
        // the demo's untrained and expired members show among the untrained
        List<String> untrained = getJson("/api/v1/alliance/training/members", "police").path("items").valueStream()
                .filter(i -> !i.path("cleared").asBoolean()).map(i -> i.path("name").asText()).toList();
        assertThat(untrained).contains("平安联盟 韩（商户）", "平安联盟 沈（环卫工人）");
        // grid workers are not asked for the alliance's training
        assertThat(call("PUT", "grid2", "/api/v1/members/me/state", Map.of("state", "available")).status()).isEqualTo(200);
    }

    @Test
    void theNowBoardShowsWhoIsScheduledOnDutyWhoIsAbsentAndWhoIsOnDutyUnscheduled() {
        long shy = area("370705001001");
        long team = jdbc.sql("insert into alliance_team (area_id, name, led_by_kind, led_by_name) values (?, ?, 'POLICE_OFFICE', '松鹤园社区警务室') returning id")
                .params(shy, "测试巡逻队 " + System.nanoTime() % 100000).query(Long.class).single();
        long present = newMember("平安联盟 到（在岗）");
        long absent = newMember("平安联盟 缺（未到岗）");
        long loose = newMember("平安联盟 散（未排班）");
        jdbc.sql("update member set state = 'AVAILABLE' where id in (?, ?)").params(present, loose).update();
        try {
            Instant now = clock.instant();
            ZonedDateTime start = now.minus(Duration.ofHours(1)).atZone(CHINA);
            ZonedDateTime end = now.plus(Duration.ofHours(1)).atZone(CHINA);
            JsonNode shift = ok("POST", "police", "/api/v1/alliance/rosters/shifts", Map.of("teamId", team, "day", start.toLocalDate().toString(),
                    "start", "%02d:%02d".formatted(start.getHour(), start.getMinute()), "end", "%02d:%02d".formatted(end.getHour(), end.getMinute()),
                    "place", "松鹤园社区 东门", "memberIds", List.of(present, absent)));
            assertThat(shift.path("now").asBoolean()).isTrue();
            assertThat(shift.path("areaId").asLong()).isEqualTo(shy);

            JsonNode board = getJson("/api/v1/alliance/rosters/now?teamId=" + team, "police");
            assertThat(board.path("shifts")).hasSize(1);
            assertThat(board.path("scheduled").asInt()).isEqualTo(2);
            assertThat(board.path("present").asInt()).isEqualTo(1);
            assertThat(board.path("absent").asInt()).isEqualTo(1);
            JsonNode members = board.path("shifts").get(0).path("members");
            JsonNode a = members.valueStream().filter(x -> x.path("memberId").asLong() == absent).findFirst().orElseThrow();
            assertThat(a.path("absent").asBoolean()).isTrue();
            assertThat(a.path("stateLabel").asText()).isEqualTo("未到岗");
            JsonNode p = members.valueStream().filter(x -> x.path("memberId").asLong() == present).findFirst().orElseThrow();
            assertThat(p.path("onDuty").asBoolean()).isTrue();
            assertThat(p.path("stateLabel").asText()).isEqualTo("在岗（待命）");
            JsonNode all = getJson("/api/v1/alliance/rosters/now", "police");
            assertThat(all.path("unscheduled").valueStream().map(u -> u.path("memberId").asLong())).contains(loose).doesNotContain(present, absent);

            // the team's week has the shift; the member's own view has it next; changes are audited
            JsonNode week = getJson("/api/v1/alliance/rosters/shifts?teamId=" + team + "&from=" + start.toLocalDate(), "police");
            assertThat(week.path("items").valueStream().map(s -> s.path("id").asLong())).containsExactly(shift.path("id").asLong());
            assertThat(getJson("/api/v1/alliance/rosters/members/" + absent, "police").path("items").get(0).path("id").asLong())
                    .isEqualTo(shift.path("id").asLong());
            JsonNode staffed = ok("PUT", "police", "/api/v1/alliance/rosters/shifts/" + shift.path("id").asLong() + "/members",
                    Map.of("memberIds", List.of(present)));
            assertThat(staffed.path("members")).hasSize(1);
            ok("DELETE", "police", "/api/v1/alliance/rosters/shifts/" + shift.path("id").asLong() + "?reason=test", null);
            assertThat(jdbc.sql("select action from audit_log where entity = 'duty_shift' and entity_id = ? order by id")
                    .param(shift.path("id").asText()).query(String.class).list())
                    .containsExactly("alliance.roster.plan", "alliance.roster.assign", "alliance.roster.cancel");
        } finally {
            jdbc.sql("update member set state = 'OFF_DUTY' where id in (?, ?, ?)").params(present, absent, loose).update();
        }
    }

    @Test
    void residentsPatrolMembersAndThePoliceOfAnotherStreetAreRefused() {
        long vest = newItem("VEST");
        long patrol1 = userMember("patrol1");
        // a resident holds no alliance permission at all
        assertThat(call("GET", "resident", "/api/v1/alliance/equipment/items", null).status()).isEqualTo(403);
        assertThat(call("GET", "resident", "/api/v1/alliance/training/mine", null).status()).isEqualTo(403);
        // a PATROL member reads only their own, and manages nothing
        assertThat(call("POST", "patrol1", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol1)).status()).isEqualTo(403);
        assertThat(call("POST", "patrol1", "/api/v1/alliance/training/sessions", Map.of("course", "PRE_DUTY", "heldOn", "2026-01-01", "place", "x",
                "trainer", "y")).status()).isEqualTo(403);
        assertThat(call("GET", "patrol1", "/api/v1/alliance/equipment/items", null).status()).isEqualTo(403);
        assertThat(call("GET", "patrol1", "/api/v1/alliance/training/members/" + userMember("patrol2"), null).status()).isEqualTo(404);
        assertThat(call("GET", "patrol1", "/api/v1/alliance/rosters/mine", null).status()).isEqualTo(200);
        // the police of 东关街道 neither see nor touch 广文街道's
        assertThat(call("GET", "police-dongguan", "/api/v1/alliance/equipment/items/" + vest, null).status()).isEqualTo(404);
        assertThat(call("POST", "police-dongguan", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol1)).status())
                .isEqualTo(404);
        assertThat(getJson("/api/v1/alliance/equipment/items", "police-dongguan").path("items").valueStream().map(i -> i.path("id").asLong()))
                .doesNotContain(vest);
        assertThat(call("GET", "police-dongguan", "/api/v1/alliance/training/members/" + patrol1, null).status()).isEqualTo(404);
        assertThat(getJson("/api/v1/alliance/training/members", "police-dongguan").path("items").valueStream().map(i -> i.path("memberId").asLong()))
                .doesNotContain(patrol1);
        assertThat(getJson("/api/v1/alliance/rosters/now", "police-dongguan").path("shifts").valueStream().map(s -> s.path("areaName").asText()))
                .doesNotContain("松鹤园社区", "广文街道");
        // the police station's leader manages; the district's leader only reads
        assertThat(call("GET", "leader", "/api/v1/alliance/equipment/items", null).status()).isEqualTo(200);
        assertThat(call("POST", "leader", "/api/v1/alliance/equipment/items/" + vest + "/issue", Map.of("memberId", patrol1)).status()).isEqualTo(403);
        // course settings are the administrator's
        assertThat(call("PUT", "police", "/api/v1/alliance/training/courses/PRE_DUTY", Map.of("validityMonths", 6)).status()).isEqualTo(403);
    }
}
