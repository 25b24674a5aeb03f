package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.demo.internal.DemoHistory;
import org.redwhistle.api.demo.internal.DemoVillage;
import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The district-sized demo: streets, communities and grids of 奎文区 with an account for each unit; an
 * older, two-community demo database grows into it on the next start without a change to what it had;
 * and the replayed year goes through the real supervision sweep, so orders are counted against
 * communities, streets, the district center and departments, with send-backs and joint handling.
 */
class DemoDistrictTest extends IntegrationTest {

    private static final List<String> VILLAGE_COMMUNITIES = List.of(DemoVillage.SONGHEYUAN, DemoVillage.KUIWENMEN);

    @Autowired
    DemoHistory history;

    @Autowired
    DemoVillage village;

    @Autowired
    Clock clock;

    @Test
    void theDistrictHasStreetsCommunitiesGridsAndAnAccountForEachUnit() {
        assertThat(count("select count(*) from area a join area d on d.id = a.parent_id where a.level = 'STREET' and d.code = '370705'"))
                .isGreaterThanOrEqualTo(4);
        assertThat(count("select count(*) from area where level = 'COMMUNITY' and code like '370705%'")).isGreaterThanOrEqualTo(10);
        // the first village is as it was: 松鹤园社区 with its four grids, 奎文门社区 with its one
        assertThat(jdbc.sql("select name from area where code = ?").param(DemoVillage.SONGHEYUAN).query(String.class).single()).isEqualTo("松鹤园社区");
        assertThat(count("select count(*) from area g join area c on c.id = g.parent_id where c.code = '" + DemoVillage.SONGHEYUAN + "'")).isEqualTo(4);
        assertThat(count("select count(*) from area g join area c on c.id = g.parent_id where c.code = '" + DemoVillage.KUIWENMEN + "'")).isEqualTo(1);
        for (DemoDistrictPlan.Community c : DemoDistrictPlan.communities()) {
            if (!VILLAGE_COMMUNITIES.contains(c.code())) {
                assertThat(count("select count(*) from area g join area c on c.id = g.parent_id where c.code = '" + c.code() + "'"))
                        .as(c.name()).isGreaterThanOrEqualTo(2);
            }
            String operator = c.code().equals(DemoVillage.SONGHEYUAN) ? "operator" : "operator-" + c.pinyin();
            assertThat(count("select count(*) from app_user u join area a on a.id = u.area_id where u.username = '" + operator + "' and a.code = '"
                    + c.code() + "' and u.role = 'OPERATOR'")).as(operator).isEqualTo(1);
            assertThat(count("select count(*) from app_user u join area a on a.id = u.area_id where u.role = 'GRID_WORKER' and a.path && "
                    + "(select array_agg(id) from area where code = '" + c.code() + "')")).as(c.name() + "'s grid workers").isPositive();
        }
        // every new unit's people log in with the demo password; the street's operator sees the district's overview of their street
        for (String u : List.of("operator-dongguan", "operator-xinhua", "grid-nanguan-1", "police-dayu", "grid-kwm-1", "13800000012")) {
            assertThat(token(u)).as(u).isNotBlank();
        }
        assertThat(getJson("/api/v1/units", "leader").toString()).contains("东关街道", "新华社区", "大虞街道");
        assertThat(count("select count(*) from app_user where phone is not null")).isEqualTo(count("select count(distinct phone) from app_user where phone is not null"));
    }

    @Test
    void seedingAnOldTwoCommunityDemoAddsTheDistrictAndLeavesEverythingElseAsItWas() {
        List<String> newAreas = new ArrayList<>();
        DemoDistrictPlan.streets().stream().filter(s -> !s.code().equals(DemoVillage.STREET)).forEach(s -> newAreas.add(s.code()));
        List<String> newUsers = new ArrayList<>();
        DemoDistrictPlan.streets().stream().filter(s -> !s.code().equals(DemoVillage.STREET))
                .forEach(s -> newUsers.addAll(List.of("operator-" + s.pinyin(), "police-" + s.pinyin())));
        for (DemoDistrictPlan.Community c : DemoDistrictPlan.communities()) {
            if (!VILLAGE_COMMUNITIES.contains(c.code())) {
                newAreas.add(c.code());
                c.grids().forEach(g -> newAreas.add(g.code()));
                newUsers.add("operator-" + c.pinyin());
            }
            if (!c.code().equals(DemoVillage.SONGHEYUAN)) {
                for (int g = 1; g <= c.grids().size(); g++) {
                    newUsers.add("grid-" + c.pinyin() + "-" + g);
                }
            }
        }
        DemoDistrictPlan.residents().stream().map(DemoDistrictPlan.Resident::phone)
                .filter(p -> !List.of("13800000001", "13800000002", "13800000003").contains(p)).forEach(newUsers::add);
        Map<String, String> phones = new java.util.HashMap<>();
        jdbc.sql("select username, phone from app_user where username in (:u)").param("u", newUsers)
                .query((rs, i) -> phones.put(rs.getString(1), rs.getString(2))).list();
        assertThat(phones).hasSize(newUsers.size());

        // the database as the first demo left it: the district's additions moved out of the way (renamed, not deleted:
        // other tests' cases may lie in them)
        jdbc.sql("update app_user set username = username || '~moved', phone = null where username in (:u)").param("u", newUsers).update();
        jdbc.sql("update area set code = code || '~moved' where code in (:c)").param("c", newAreas).update();
        try {
            List<String> before = snapshot();
            village.run(null);
            List<String> after = snapshot();
            assertThat(after).as("every row the old demo had is unchanged").containsAll(before);
            assertThat(count("select count(*) from area where code in (:c)", Map.of("c", newAreas))).isEqualTo(newAreas.size());
            assertThat(count("select count(*) from app_user where username in (:u)", Map.of("u", newUsers))).isEqualTo(newUsers.size());
            assertThat(after.size() - before.size()).as("added: the areas, the accounts and the new grid workers' and police's responder rows")
                    .isGreaterThan(newAreas.size() + newUsers.size());
            // a second start changes nothing at all
            village.run(null);
            assertThat(snapshot()).containsExactlyInAnyOrderElementsOf(after);
        } finally {
            // what the second start's later demo parts tied to the new areas and accounts goes first: the 平安联盟's teams
            // (led by the new streets' police) with their shifts, and anything of the duty parts placed in the new areas
            String inNew = "(select id from area where code in (:c))";
            jdbc.sql("delete from duty_shift where area_id in " + inNew + " or team_id in (select id from alliance_team where area_id in " + inNew
                    + " or leader_user in (select id from app_user where username in (:u)))").param("c", newAreas).param("u", newUsers).update();
            jdbc.sql("update alliance_member set team_id = null where team_id in (select id from alliance_team where area_id in " + inNew
                    + " or leader_user in (select id from app_user where username in (:u)))").param("c", newAreas).param("u", newUsers).update();
            jdbc.sql("delete from alliance_team where area_id in " + inNew + " or leader_user in (select id from app_user where username in (:u))")
                    .param("c", newAreas).param("u", newUsers).update();
            jdbc.sql("delete from equipment_issue where item_id in (select id from equipment_item where area_id in " + inNew + ")")
                    .param("c", newAreas).update();
            jdbc.sql("delete from equipment_item where area_id in " + inNew).param("c", newAreas).update();
            jdbc.sql("delete from training_record where session_id in (select id from training_session where area_id in " + inNew + ")")
                    .param("c", newAreas).update();
            jdbc.sql("delete from training_session where area_id in " + inNew).param("c", newAreas).update();
            jdbc.sql("delete from face_watchlist where area_id in " + inNew).param("c", newAreas).update();
            jdbc.sql("delete from member where user_id in (select id from app_user where username in (:u))").param("u", newUsers).update();
            jdbc.sql("delete from app_user where username in (:u)").param("u", newUsers).update();
            for (String level : List.of("GRID", "COMMUNITY", "STREET")) {
                jdbc.sql("delete from area where code in (:c) and level = :l").param("c", newAreas).param("l", level).update();
            }
            jdbc.sql("update area set code = replace(code, '~moved', '') where code like '%~moved'").update();
            for (String u : newUsers) {
                jdbc.sql("update app_user set username = ?, phone = ? where username = ?").params(u, phones.get(u), u + "~moved").update();
            }
        }
    }

    @Test
    void theReplayedYearGoesThroughTheRealSweepWithOrdersForEveryKindOfUnit() {
        Instant now = clock.instant();
        long firstId = count("select coalesce(max(id), 0) from case_file");
        long started = System.nanoTime();
        DemoHistory.Result r = history.replay(60, 19, now, 365);
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("demo history: 60 requests, %d sweeps, %d orders in %d ms%n", r.sweeps(), r.orders(), ms);
        assertThat(r.filed()).isEqualTo(60);
        assertThat(r.orders()).isPositive();
        Map<String, Object> mine = Map.of("first", firstId);
        // orders counted against communities, streets, the district center and departments, issued by the sweep at their time
        List<String> kinds = jdbc.sql("""
                select distinct case when department_id is not null then 'DEPARTMENT' when unit_level in ('STREET', 'DISTRICT_CENTER', 'LEADERS')
                       then unit_level else 'COMMUNITY' end from supervision where case_id > :first and kind = 'ORDER'""")
                .params(mine).query(String.class).list();
        assertThat(kinds).contains("COMMUNITY", "STREET", "DEPARTMENT");
        assertThat(count("select count(*) from supervision where case_id > :first and kind = 'ORDER' and deadline = 'REROUTE'", mine))
                .as("the district center late re-routing a send-back").isPositive();
        assertThat(count("select count(*) from supervision where case_id > :first and kind = 'WARNING'", mine)).isPositive();
        assertThat(count("select count(*) from supervision s join case_file c on c.id = s.case_id where s.case_id > :first and s.created_at < c.submitted_at",
                mine)).isZero();
        // orders escalate: the system's escalations in the timelines, right after the deadlines
        assertThat(count("select count(*) from case_event where case_id > :first and action = 'escalate' and actor = 'system'", mine)).isPositive();
        // joint handling, send-backs and re-routing, leaders' instructions
        assertThat(count("select count(*) from case_event where case_id > :first and action = 'send-back'", mine)).isPositive();
        assertThat(count("select count(*) from (select case_id from case_assignment where case_id > :first group by case_id having count(*) >= 2) j", mine))
                .isPositive();
        assertThat(count("select count(*) from case_event where case_id > :first and action = 'instruct'", mine)).isPositive();
        // the whole district files requests: more than the first village's two communities
        assertThat(count("select count(distinct community_id) from case_file where id > :first", mine)).isGreaterThanOrEqualTo(6);
        // nothing after now
        assertThat(count("""
                select count(*) from case_file c left join case_event e on e.case_id = c.id
                 where c.id > :first and (e.at > :now or c.taken_at > :now or c.handled_at > :now or c.closed_at > :now)""",
                Map.of("first", firstId, "now", Timestamp.from(now)))).isZero();
        assertThat(count("select count(*) from supervision where case_id > :first and created_at > :now", Map.of("first", firstId, "now", Timestamp.from(now))))
                .isZero();

        JsonNode orders = getJson("/api/v1/supervision?since=2000-01-01T00:00:00Z&limit=500", "leader");
        assertThat(orders.toString()).contains("ORDER");
        JsonNode units = getJson("/api/v1/supervision/summary?since=2000-01-01T00:00:00Z", "leader").path("units");
        assertThat(Stream.of("街道", "社区", "区社会治理服务中心")
                .allMatch(name -> units.valueStream().anyMatch(u -> u.path("unitName").asText().contains(name)))).as(units.toString()).isTrue();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private long count(String sql, Map<String, ?> params) {
        var spec = jdbc.sql(sql);
        for (var e : params.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query(Long.class).single();
    }

    /** The demo's own rows, each as one line: areas, accounts, responders (not where they are now), devices, zones, tours. */
    private List<String> snapshot() {
        List<String> rows = new ArrayList<>();
        rows.addAll(jdbc.sql("select concat_ws('|', 'area', id, level, code, name, parent_id, duty_unit, st_astext(geom)) from area").query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws('|', 'user', id, username, display_name, password_hash, role, area_id, phone, department_id, enabled) from app_user")
                .query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws('|', 'member', id, name, role, affiliation, area_id, user_id, device_id) from member").query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws('|', 'device', id, kind, serial, name, area_id) from device").query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws('|', 'zone', id, code, name, kind, area_id, schedule) from zone").query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws('|', 'tour', id, code, name, area_id, member_id) from tour").query(String.class).list());
        rows.addAll(jdbc.sql("select concat_ws('|', 'department', id, code, name, short_name, area_id, phone, active) from department").query(String.class).list());
        return rows;
    }
}
