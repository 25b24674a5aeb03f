package org.redwhistle.api.registry.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code household}, {@code person} and {@code person_role}. */
@Repository
public class RegistryStore implements Registry {

    private static final String HOUSEHOLD = "select h.id, h.area_id, h.grid_id, h.code, h.address, h.phone, h.agent_id from household h";
    private static final String PERSON = """
            select p.id, p.area_id, p.household_id, p.name, p.gender, p.birth_date, p.id_number, p.phone, p.relation, p.user_id, p.active,
                   coalesce((select array_agg(r.role order by r.role) from person_role r where r.person_id = p.id), '{}') as roles
            from person p""";

    private final JdbcClient jdbc;

    public RegistryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Household> household(long id) {
        return jdbc.sql(HOUSEHOLD + " where h.id = ?").param(id).query(RegistryStore::household).optional();
    }

    @Override
    public Optional<Person> person(long id) {
        return jdbc.sql(PERSON + " where p.id = ?").param(id).query(RegistryStore::person).optional();
    }

    @Override
    public Optional<Person> personOfUser(long userId) {
        return jdbc.sql(PERSON + " where p.user_id = ?").param(userId).query(RegistryStore::person).optional();
    }

    @Override
    public List<Person> members(long householdId) {
        return jdbc.sql(PERSON + " where p.household_id = ? and p.active order by (p.relation = '户主') desc, p.birth_date nulls last, p.id")
                .param(householdId).query(RegistryStore::person).list();
    }

    @Override
    public List<Household> households(long areaId, Long gridId) {
        return gridId == null ? jdbc.sql(HOUSEHOLD + " where h.area_id = ? order by h.code, h.id").param(areaId).query(RegistryStore::household).list()
                : jdbc.sql(HOUSEHOLD + " where h.area_id = ? and h.grid_id = ? order by h.code, h.id").params(areaId, gridId)
                        .query(RegistryStore::household).list();
    }

    @Override
    public List<Person> withRole(long areaId, CivicRole role) {
        return jdbc.sql(PERSON + " where p.area_id = ? and p.active and exists (select 1 from person_role r where r.person_id = p.id and r.role = ?)"
                + " order by p.name, p.id").params(areaId, role.name()).query(RegistryStore::person).list();
    }

    @Override
    public int count(long areaId, CivicRole role) {
        return jdbc.sql("select count(*) from person p join person_role r on r.person_id = p.id where p.area_id = ? and p.active and r.role = ?")
                .params(areaId, role.name()).query(Integer.class).single();
    }

    /** A new household; its id. */
    public long insertHousehold(long areaId, Long gridId, String code, String address, String phone) {
        return jdbc.sql("insert into household (area_id, grid_id, code, address, phone) values (?, ?, ?, ?, ?) returning id")
                .params(areaId, gridId, code, address, phone).query(Long.class).single();
    }

    /** A new person with their roles; its id. */
    public long insertPerson(long areaId, Long householdId, String name, String gender, java.time.LocalDate birthDate, String idNumber,
            String phone, String relation, Long userId, Set<CivicRole> roles) {
        long id = jdbc.sql("""
                insert into person (area_id, household_id, name, gender, birth_date, id_number, phone, relation, user_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(areaId, householdId, name, gender, birthDate, idNumber, phone, relation, userId).query(Long.class).single();
        setRoles(id, roles);
        return id;
    }

    /** Replaces a person's roles. */
    public void setRoles(long personId, Set<CivicRole> roles) {
        jdbc.sql("delete from person_role where person_id = ?").param(personId).update();
        for (CivicRole r : roles) {
            jdbc.sql("insert into person_role (person_id, role) values (?, ?)").params(personId, r.name()).update();
        }
    }

    /** Makes a person the household's 代办员. */
    public void setAgent(long householdId, Long personId) {
        jdbc.sql("update household set agent_id = ?, updated_at = now() where id = ?").params(personId, householdId).update();
    }

    static Household household(ResultSet rs, int row) throws SQLException {
        return new Household(rs.getLong("id"), rs.getLong("area_id"), (Long) rs.getObject("grid_id", Long.class), rs.getString("code"),
                rs.getString("address"), rs.getString("phone"), (Long) rs.getObject("agent_id", Long.class));
    }

    static Person person(ResultSet rs, int row) throws SQLException {
        Set<CivicRole> roles = EnumSet.noneOf(CivicRole.class);
        Arrays.stream((String[]) rs.getArray("roles").getArray()).map(CivicRole::valueOf).forEach(roles::add);
        java.sql.Date birth = rs.getDate("birth_date");
        return new Person(rs.getLong("id"), rs.getLong("area_id"), (Long) rs.getObject("household_id", Long.class), rs.getString("name"),
                rs.getString("gender"), birth == null ? null : birth.toLocalDate(), rs.getString("id_number"), rs.getString("phone"),
                rs.getString("relation"), (Long) rs.getObject("user_id", Long.class), rs.getBoolean("active"), java.util.Collections.unmodifiableSet(roles));
    }
}
