package org.redwhistle.api.decisions;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * 东顶村's people the tests of 四议两公开 need, inserted with SQL once per run (the registry part seeds the
 * village's people in the demo; until then the tests bring their own): 5 two-committee members (3 party
 * members), 12 party members in all, 9 villagers' representatives (2 party members). Their names start
 * with {@link #PREFIX}. Test data on the real database, not a mock.
 */
final class DongdingPeople {

    static final String VILLAGE = "370304104201";
    static final String PREFIX = "决策测试";

    private DongdingPeople() {
    }

    /** The village's area id, its people inserted when they are not there yet. */
    static synchronized long ensure(JdbcClient jdbc) {
        long village = jdbc.sql("select id from area where code = ?").param(VILLAGE).query(Long.class).single();
        if (jdbc.sql("select count(*) from person where area_id = ? and name like ?").params(village, PREFIX + "%").query(Long.class).single() > 0) {
            return village;
        }
        for (int i = 1; i <= 5; i++) {
            person(jdbc, village, "两委" + i, i <= 3 ? List.of("COMMITTEE_MEMBER", "PARTY_MEMBER") : List.of("COMMITTEE_MEMBER"));
        }
        for (int i = 1; i <= 9; i++) {
            person(jdbc, village, "党员" + i, List.of("PARTY_MEMBER"));
        }
        for (int i = 1; i <= 9; i++) {
            person(jdbc, village, "代表" + i, i <= 2 ? List.of("REPRESENTATIVE", "PARTY_MEMBER") : List.of("REPRESENTATIVE"));
        }
        return village;
    }

    private static void person(JdbcClient jdbc, long village, String name, List<String> roles) {
        long id = jdbc.sql("insert into person (area_id, name, gender) values (?, ?, 'MALE') returning id").params(village, PREFIX + name)
                .query(Long.class).single();
        roles.forEach(r -> jdbc.sql("insert into person_role (person_id, role) values (?, ?)").params(id, r).update());
    }
}
