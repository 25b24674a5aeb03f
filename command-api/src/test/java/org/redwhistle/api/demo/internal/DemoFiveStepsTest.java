package org.redwhistle.api.demo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.fivesteps.internal.TaskSupervisor;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 五事工作法's demo once the registry holds the communities' members: with households in 松鹤园社区's first grid
 * and representatives of 奎文门社区 (inserted here with SQL, as the registry's demo will seed them), the demo part
 * run again takes 十四甲小区物业收费标准 through all five steps (the residents' meeting adopting 0.6 元, evaluated
 * 满意 百分百足额缴费) and 南大街小区's service hall into 联动办事, where 区住建局's task is overdue.
 */
class DemoFiveStepsTest extends IntegrationTest {

    @Autowired
    DemoFiveSteps demo;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TaskSupervisor supervisor;

    @Test
    void theDemoMattersGoOnOnceTheRegistryHoldsTheMembers() {
        long shy = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        long grid1 = jdbc.sql("select id from area where code = '370705001001-G1'").query(Long.class).single();
        long kwm = jdbc.sql("select id from area where code = '370705001002'").query(Long.class).single();
        for (int i = 1; i <= 7; i++) {
            if (jdbc.sql("select count(*) from household where area_id = ? and code = ?").params(shy, "T5-" + i).query(Long.class).single() == 0) {
                long h = jdbc.sql("insert into household (area_id, grid_id, code, address) values (?, ?, ?, ?) returning id")
                        .params(shy, grid1, "T5-" + i, "十四甲小区 " + i + " 号楼").query(Long.class).single();
                jdbc.sql("insert into person (area_id, household_id, name, relation) values (?, ?, ?, '户主')").params(shy, h, "测试户主" + i).update();
            }
        }
        if (jdbc.sql("select count(*) from person p join person_role r on r.person_id = p.id where p.area_id = ? and r.role = 'REPRESENTATIVE'")
                .param(kwm).query(Long.class).single() == 0) {
            for (String name : List.of("孙", "周", "吴", "郑", "王")) {
                long p = jdbc.sql("insert into person (area_id, name) values (?, ?) returning id").params(kwm, "居民代表 " + name).query(Long.class).single();
                jdbc.sql("insert into person_role (person_id, role) values (?, 'REPRESENTATIVE')").param(p).update();
            }
        }

        tx.executeWithoutResult(s -> demo.seed());

        Map<String, Object> fee = jdbc.sql("select id, status, resolution from proposal where title = ?").param(DemoFiveSteps.FEE_TITLE).query().singleRow();
        assertThat(fee.get("status")).isEqualTo("COMPLETED");
        assertThat((String) fee.get("resolution")).contains("0.6 元/平方米·月").contains("通过");
        long feeId = ((Number) fee.get("id")).longValue();
        assertThat(jdbc.sql("select count(*) from proposal_option where proposal_id = ?").param(feeId).query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from proposal_evaluation where proposal_id = ? and comment = '百分百足额缴费' and satisfaction = 'SATISFIED'")
                .param(feeId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from proposal_meeting where proposal_id = ? and rule_code = 'RESIDENTS_MEETING' and passed")
                .param(feeId).query(Long.class).single()).isEqualTo(1);

        Map<String, Object> hall = jdbc.sql("select id, status from proposal where title = ?").param(DemoFiveSteps.HALL_TITLE).query().singleRow();
        assertThat(hall.get("status")).isEqualTo("ACTING");
        long hallId = ((Number) hall.get("id")).longValue();
        supervisor.sweep(Instant.now().plus(1, ChronoUnit.MINUTES));
        assertThat(jdbc.sql("""
                select count(*) from proposal_task t join department d on d.id = t.department_id
                where t.proposal_id = ? and d.code = 'HOUSING' and t.status = 'ASSIGNED' and t.overdue_at is not null""")
                .param(hallId).query(Long.class).single()).isEqualTo(1);

        // idempotent: a second start changes nothing
        long steps = jdbc.sql("select count(*) from proposal_step").query(Long.class).single();
        tx.executeWithoutResult(s -> demo.seed());
        assertThat(jdbc.sql("select count(*) from proposal_step").query(Long.class).single()).isEqualTo(steps);
    }
}
