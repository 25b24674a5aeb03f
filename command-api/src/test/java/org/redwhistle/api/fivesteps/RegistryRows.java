package org.redwhistle.api.fivesteps;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry rows 五事工作法's tests need until the registry's demo seeds 松鹤园社区: seven households of its
 * first grid (十四甲小区), each with its head, inserted with SQL when missing (test data on the real database).
 */
final class RegistryRows {

    private RegistryRows() {
    }

    /** Ensures the households; the community's area id. */
    static long songheyuanHouseholds(JdbcClient jdbc) {
        long community = jdbc.sql("select id from area where code = '370705001001'").query(Long.class).single();
        long grid1 = jdbc.sql("select id from area where code = '370705001001-G1'").query(Long.class).single();
        for (int i = 1; i <= 7; i++) {
            String code = "T5-" + i;
            if (jdbc.sql("select count(*) from household where area_id = ? and code = ?").params(community, code).query(Long.class).single() == 0) {
                long h = jdbc.sql("insert into household (area_id, grid_id, code, address) values (?, ?, ?, ?) returning id")
                        .params(community, grid1, code, "十四甲小区 " + i + " 号楼").query(Long.class).single();
                jdbc.sql("insert into person (area_id, household_id, name, relation) values (?, ?, ?, '户主')").params(community, h, "测试户主" + i).update();
            }
        }
        return community;
    }
}
