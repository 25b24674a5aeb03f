package org.redwhistle.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's ledger of 东顶村 (the seed's 1,035 people and 49 party members) and of the two communities, with the accounts linked. */
class DemoRegistryTest extends RegistryTestSupport {

    @Autowired
    Registry registry;

    @Test
    void dongdingHasTheSeedsPeopleAndTeams() {
        long v = village("370304104201");
        assertThat(jdbc.sql("select count(*) from person where area_id = ? and active and household_id is not null and household_id in "
                + "(select id from household where code like 'DD-%')").param(v).query(Integer.class).single()).isEqualTo(1035);
        assertThat(jdbc.sql("select count(*) from household where area_id = ? and code like 'DD-%'").param(v).query(Integer.class).single()).isEqualTo(330);
        assertThat(count(v, CivicRole.PARTY_MEMBER)).isEqualTo(49);
        assertThat(count(v, CivicRole.COMMITTEE_MEMBER)).isEqualTo(7);
        assertThat(count(v, CivicRole.REPRESENTATIVE)).isEqualTo(45);
        assertThat(count(v, CivicRole.MEDIATOR)).isEqualTo(3);
        assertThat(count(v, CivicRole.PEACEMAKER)).isEqualTo(3);
        assertThat(registry.withRole(v, CivicRole.LEGAL_ADVISER)).filteredOn(p -> p.householdId() == null).hasSize(2).allMatch(p -> p.householdId() == null && p.userId() != null);
        assertThat(count(v, CivicRole.AGENT)).isEqualTo(33);
        assertThat(registry.withRole(v, CivicRole.AGENT)).filteredOn(p -> p.idNumber().startsWith("370304"))
                .hasSize(33).allMatch(p -> p.has(CivicRole.PARTY_MEMBER));
        assertThat(jdbc.sql("select count(*) from household where area_id = ? and code like 'DD-%' and agent_id is null").param(v)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from person where area_id = ? and id_number like '370304%'").param(v).query(Integer.class).single())
                .isEqualTo(1035);
        assertThat(jdbc.sql("select id_number from person where area_id = ? and household_id in (select id from household where code like 'DD-%')").param(v).query(String.class).list()).allMatch(IdNumbers::valid);
        for (String grid : new String[] {"G1", "G2", "G3", "G4"}) {
            assertThat(jdbc.sql("select count(*) from household h join area g on g.id = h.grid_id where g.code = ?")
                    .param("370304104201-" + grid).query(Integer.class).single()).as(grid).isGreaterThan(60);
        }
    }

    @Test
    void theVillagesAccountsArePeopleOfTheRegistry() {
        Person chen = registry.personOfUser(userId("committee-dongding")).orElseThrow();
        assertThat(chen.name()).startsWith("陈");
        assertThat(chen.roles()).contains(CivicRole.PARTY_MEMBER, CivicRole.COMMITTEE_MEMBER);
        assertThat(registry.personOfUser(userId("committee-dongding-2")).orElseThrow().roles()).containsExactly(CivicRole.COMMITTEE_MEMBER);
        for (String m : new String[] {"mediator", "mediator-2", "mediator-3"}) {
            assertThat(registry.personOfUser(userId(m)).orElseThrow().roles()).as(m).contains(CivicRole.MEDIATOR);
        }
        for (String m : new String[] {"peacemaker-1", "peacemaker-2", "peacemaker-3"}) {
            assertThat(registry.personOfUser(userId(m)).orElseThrow().roles()).as(m).contains(CivicRole.PEACEMAKER);
        }
        assertThat(registry.personOfUser(userId("lawyer-1")).orElseThrow().roles()).contains(CivicRole.LEGAL_ADVISER);
        assertThat(registry.personOfUser(userId("grid-dongding-1")).orElseThrow().roles()).contains(CivicRole.GRID_WORKER);
        Person wei = registry.personOfUser(userId("agent-1")).orElseThrow();
        assertThat(wei.roles()).contains(CivicRole.PARTY_MEMBER, CivicRole.AGENT);
        Person li = registry.personOfUser(userId("13810000001")).orElseThrow();
        Household lis = registry.household(li.householdId()).orElseThrow();
        assertThat(lis.code()).isEqualTo("DD-0108");
        assertThat(li.relation()).isEqualTo("户主");
        assertThat(lis.agentId()).isEqualTo(wei.id());
        assertThat(jdbc.sql("select count(*) from household where agent_id = ?").param(wei.id()).query(Integer.class).single()).isEqualTo(10);
        assertThat(registry.household(registry.personOfUser(userId("13810000002")).orElseThrow().householdId()).orElseThrow().code())
                .isEqualTo("DD-0109");
        assertThat(registry.household(registry.personOfUser(userId("13800000002")).orElseThrow().householdId()).orElseThrow().code())
                .isEqualTo("SHY-0002");
    }

    @Test
    void theCommunitiesHaveTheirHouseholds() {
        assertThat(jdbc.sql("select count(*) from household where area_id = ?").param(village("370705001001")).query(Integer.class).single())
                .isEqualTo(120);
        assertThat(jdbc.sql("select count(*) from household where area_id = ?").param(village("370705001002")).query(Integer.class).single())
                .isEqualTo(80);
        assertThat(registry.count(village("370705001001"), CivicRole.REPRESENTATIVE)).isBetween(5, 10);
    }

    /** People of the demo's households (and those without one) holding the role: other tests add people of their own. */
    private int count(long village, CivicRole role) {
        return jdbc.sql("""
                select count(*) from person p join person_role r on r.person_id = p.id
                where p.area_id = ? and p.active and r.role = ?
                  and (p.household_id is null or p.household_id in (select id from household where code like 'DD-%' or code like 'SHY-%'))""")
                .params(village, role.name()).query(Integer.class).single();
    }

    private long userId(String username) {
        return jdbc.sql("select id from app_user where username = ?").param(username).query(Long.class).single();
    }
}
