package org.redwhistle.api.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

/**
 * The demo's self-governance as one story, after every part has seeded in its order (registry, compact, 四议两公开,
 * mediation, 五事工作法): 东顶村's compact adopted through a published resolution, and 李's case of the seed on it
 * (article 8 breached, article 39 applied, restored under article 41); the village's public board; the disputes;
 * 松鹤园社区's property fee through all five steps.
 */
class DemoSelfGovernanceTest extends IntegrationTest {

    @Test
    void theSeedsVillageAndCommunitiesAreThereInFull() {
        long village = jdbc.sql("select id from area where code = ?").param(DemoDongding.VILLAGE).query(Long.class).single();
        // version 1 was adopted by the matter that decided it, published (other tests may adopt later versions since)
        var adopted = jdbc.sql("""
                select v.number, m.state, m.resolution_passed from compact_version v join matter m on m.id = v.matter_id
                where v.area_id = ? and v.number = 1 and v.state in ('ADOPTED', 'SUPERSEDED')""").param(village)
                .query((rs, i) -> rs.getInt(1) + "/" + rs.getString(2) + "/" + rs.getBoolean(3)).list();
        assertThat(adopted).containsExactly("1/PUBLISHED/true");
        // 李 (13810000001) of DD-0108: article 8, penalty 39, restored under 41
        var li = jdbc.sql("""
                select x.article_no, x.penalty_article, x.restoration_article, x.state from compact_violation x
                join household h on h.id = x.household_id join person p on p.household_id = h.id join app_user u on u.id = p.user_id
                where u.username = '13810000001'""").query((rs, i) -> rs.getInt(1) + "/" + rs.getInt(2) + "/" + rs.getInt(3) + "/" + rs.getString(4))
                .list();
        assertThat(li).contains("8/39/41/RESTORED");
        // the public board has the resolutions of 2008 and 2016 and the compact's
        assertThat(jdbc.sql("select count(*) from matter where area_id = ? and published_on is not null").param(village).query(Long.class).single())
                .isGreaterThanOrEqualTo(3);
        // the demo's twenty (other tests may add their own)
        assertThat(jdbc.sql("select count(*) from dispute where area_id = ?").param(village).query(Long.class).single()).isGreaterThanOrEqualTo(20);
        assertThat(jdbc.sql("select status from proposal where title like '%物业收费标准%'").query(String.class).list()).containsExactly("COMPLETED");
    }
}
