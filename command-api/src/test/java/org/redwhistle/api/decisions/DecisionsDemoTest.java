package org.redwhistle.api.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.demo.internal.DemoVillage;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

/**
 * The demo's 四议两公开 for 东顶村 (DemoDecisions), run again once the village's people are registered:
 * the 2008 旧村改造 and the 2016 security investment carried out with their results published, the
 * compact's version 1 resolved and published with its subject, a matter waiting for 党员大会审议; all on
 * the public board but the one in progress; seeding again adds nothing.
 */
class DecisionsDemoTest extends IntegrationTest {

    @Autowired
    DemoVillage demo;

    @Test
    void dongdingsPastResolutionsAreSeededFromTheRegistrysPeopleOnce() {
        long village = DongdingPeople.ensure(jdbc);
        demo.run(null);
        Map<String, String> states = new HashMap<>();
        jdbc.sql("select title, state from matter where area_id = ? and (created_by = 'demo' or subject_kind = 'compact-version')").param(village)
                .query((rs, n) -> states.put(rs.getString(1), rs.getString(2))).list();
        assertThat(states).containsEntry("东顶村旧村改造及拆迁安置方案", "RESULT_PUBLISHED").containsEntry("小区安防系统建设投资", "RESULT_PUBLISHED")
                .containsEntry("东顶村村规民约（小公约）第 1 版", "PUBLISHED").containsEntry("村内道路硬化及排水沟改造", "DISCUSSED");
        assertThat(jdbc.sql("select subject_kind || ' ' || subject_ref from matter where area_id = ? and title = '东顶村村规民约（小公约）第 1 版'")
                .param(village).query(String.class).single()).isEqualTo("compact-version " + village + ":1");
        assertThat(jdbc.sql("select major from matter where title = '小区安防系统建设投资'").query(Boolean.class).single()).isTrue();
        // every meeting from the registry's people, counted by the system
        assertThat(jdbc.sql("select count(*) from matter_step s join matter m on m.id = s.matter_id where m.created_by = 'demo' and m.area_id = ?"
                + " and (not s.passed or s.member_count < s.present)").param(village).query(Long.class).single()).isZero();

        JsonNode board = JSON.readTree(http().get().uri("/api/v1/public/villages/" + DongdingPeople.VILLAGE + "/board").exchange().expectStatus()
                .isOk().expectBody().returnResult().getResponseBody());
        List<String> titles = new java.util.ArrayList<>();
        board.path("items").forEach(i -> titles.add(i.path("title").asText()));
        assertThat(titles).contains("东顶村旧村改造及拆迁安置方案", "小区安防系统建设投资", "东顶村村规民约（小公约）第 1 版").doesNotContain("村内道路硬化及排水沟改造");
        for (JsonNode i : board.path("items")) {
            if (i.path("title").asText().equals("东顶村旧村改造及拆迁安置方案")) {
                assertThat(i.path("result").path("figures").asText()).isEqualTo("拆迁 530 户；新建楼房 22 栋，安置 984 户");
                assertThat(i.path("meetings").get(3).path("heldOn").asText()).isEqualTo("2008-03-25");
            }
        }

        long before = jdbc.sql("select count(*) from matter where created_by = 'demo'").query(Long.class).single();
        demo.run(null);
        assertThat(jdbc.sql("select count(*) from matter where created_by = 'demo'").query(Long.class).single()).isEqualTo(before);
    }
}
