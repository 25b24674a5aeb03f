package org.redwhistle.api;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The registry rows the mediation tests need, inserted with SQL on the real database (test data: the
 * registry part seeds 东顶村's people in the demo; without it these accounts have no person). Idempotent,
 * and kind to a registry already seeded: an account's existing person is given the role instead.
 */
public final class MediationFixture {

    public final long village;
    public final long agent;
    public final long mediator;
    public final long peacemaker;
    public final long lawyer;
    /** The villager 13810000001 (李), a member of {@link #household} unless the registry placed them already. */
    public final long villager;
    /** A household 卫 looks after, its head 李测甲 (phone 13900000001), and another, its head 王测乙. */
    public final long household;
    public final long otherHousehold;

    public MediationFixture(JdbcClient jdbc) {
        village = jdbc.sql("select id from area where code = '370304104201'").query(Long.class).single();
        agent = person(jdbc, "agent-1", "卫代办", "AGENT", "PARTY_MEMBER");
        mediator = person(jdbc, "mediator", "赵调解", "MEDIATOR");
        peacemaker = person(jdbc, "peacemaker-1", "吴和事", "PEACEMAKER");
        lawyer = person(jdbc, "lawyer-1", "冯律师", "LEGAL_ADVISER");
        person(jdbc, "lawyer-2", "褚律师", "LEGAL_ADVISER");
        household = household(jdbc, "T-MED-1", "东顶村老村西片 8 号", "李测甲", "13900000001", "370304199001010011");
        otherHousehold = household(jdbc, "T-MED-2", "东顶村老村西片 9 号", "王测乙", "13900000002", "370304199001010022");
        jdbc.sql("update household set agent_id = ? where id in (?, ?)").params(agent, household, otherHousehold).update();
        villager = person(jdbc, "13810000001", "李村民");
        jdbc.sql("update person set household_id = ?, relation = '子女' where id = ? and household_id is null").params(household, villager).update();
        jdbc.sql("update household set agent_id = ? where id = (select household_id from person where id = ?) and agent_id is null")
                .params(agent, villager).update();
    }

    private long person(JdbcClient jdbc, String username, String name, String... roles) {
        long user = jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
        Long id = jdbc.sql("select id from person where user_id = ?").param(user).query(Long.class).optional().orElse(null);
        if (id == null) {
            id = jdbc.sql("insert into person (area_id, name, user_id) values (?, ?, ?) returning id").params(village, name, user)
                    .query(Long.class).single();
        }
        for (String r : roles) {
            jdbc.sql("insert into person_role (person_id, role) values (?, ?) on conflict do nothing").params(id, r).update();
        }
        return id;
    }

    private long household(JdbcClient jdbc, String code, String address, String head, String phone, String idNumber) {
        Long h = jdbc.sql("select id from household where area_id = ? and code = ?").params(village, code).query(Long.class).optional().orElse(null);
        if (h != null) {
            return h;
        }
        long id = jdbc.sql("insert into household (area_id, code, address, phone) values (?, ?, ?, ?) returning id")
                .params(village, code, address, phone).query(Long.class).single();
        jdbc.sql("insert into person (area_id, household_id, name, gender, phone, id_number, relation) values (?, ?, ?, 'MALE', ?, ?, '户主')")
                .params(village, id, head, phone, idNumber).update();
        return id;
    }

    static List<String> names() {
        return List.of("李测甲", "王测乙");
    }
}
