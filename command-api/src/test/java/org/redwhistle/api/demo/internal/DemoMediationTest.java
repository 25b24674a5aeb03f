package org.redwhistle.api.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * 东顶村's past disputes (DemoMediation) seeded at the application's start through the mediation chain itself, once the
 * registry's demo part has seeded the team and households: twenty disputes, most settled by a 代办员
 * or the mediators, two by a legal adviser, one referred to 八陡镇人民调解委员会, each settled one with its signed
 * agreement's PDF. Seeding again adds nothing.
 */
class DemoMediationTest extends IntegrationTest {

    @Autowired
    DemoMediation demo;

    @Autowired
    java.time.Clock clock;

    @Test
    void theVillagesPastDisputesGoThroughTheChain() {
        // the application's start seeded them: the registry's demo part (before this one) seeds the team and the households
        long village = jdbc.sql("select id from area where code = '370304104201'").query(Long.class).single();
        long before = jdbc.sql("select count(*) from dispute where area_id = ?").param(village).query(Long.class).single();
        demo.seed();
        assertThat(jdbc.sql("select count(*) from dispute where area_id = ?").param(village).query(Long.class).single())
                .as("seeding again adds nothing").isEqualTo(before);
        Instant now = clock.instant();
        long f = village;
        List<String> titles = DemoMediation.STORIES.stream().map(DemoMediation.Story::title).toList();
        Map<String, Long> byEnd = jdbc.sql("select status, level from dispute where area_id = :v and title in (:t)").param("v", f)
                .param("t", titles).query((rs, i) -> rs.getString(1) + "/" + rs.getString(2)).list().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(byEnd).containsEntry("SETTLED/AGENT", 7L).containsEntry("SETTLED/MEDIATION", 8L).containsEntry("SETTLED/LEGAL", 2L)
                .containsEntry("REFERRED/LEGAL", 1L).containsEntry("WITHDRAWN/MEDIATION", 1L).containsEntry("OPEN/MEDIATION", 1L);
        assertThat(jdbc.sql("select count(*) from dispute where area_id = :v and title in (:t) and status = 'SETTLED' and agreement_pdf is not null"
                + " and signed_at is not null").param("v", f).param("t", titles).query(Long.class).single()).isEqualTo(17);
        assertThat(jdbc.sql("select count(*) from dispute_session s join dispute d on d.id = s.dispute_id where d.title in (:t)").param("t", titles)
                .query(Long.class).single()).isGreaterThanOrEqualTo(20);
        assertThat(jdbc.sql("select min(opened_at) from dispute where title in (:t)").param("t", titles).query(java.sql.Timestamp.class).single()
                .toInstant()).isBefore(now.minusSeconds(600L * 86400));
        assertThat(jdbc.sql("select file_pdf is not null from dispute where title = '承包地边界树木归属'").query(Boolean.class).single()).isTrue();
    }
}
