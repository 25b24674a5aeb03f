package org.redwhistle.api.registry.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.registry.RegistryLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code household}, {@code person} and {@code person_role}. */
@Repository
public class RegistryStore implements Registry, RegistryLoader {

    private static final String HOUSEHOLD = "select h.id, h.area_id, h.grid_id, h.code, h.address, h.phone, h.agent_id from household h";
    private static final String PERSON = """
            select p.id, p.area_id, p.household_id, p.name, p.gender, p.birth_date, p.id_number, p.phone, p.relation, p.user_id, p.active,
                   coalesce((select array_agg(r.role order by r.role) from person_role r where r.person_id = p.id), '{}') as roles
            from person p""";
    /** A household inside the reach: under the reached area (where its grid is, else its village), or the one household. */
    private static final String IN_REACH = """
             (cast(:reach as bigint) is null or exists (select 1 from area a where a.id = coalesce(h.grid_id, h.area_id)
                                                         and cast(:reach as bigint) = any(a.path)))
             and (cast(:own as bigint) is null or h.id = cast(:own as bigint))""";
    private static final String ROW = """
            select h.id, h.code, h.address, h.grid_id, h.phone, h.agent_id,
                   (select count(*) from person p where p.household_id = h.id and p.active) as members,
                   (select p.name from person p where p.household_id = h.id and p.active order by coalesce(p.relation = '户主', false) desc, p.id limit 1) as head,
                   (select p.name from person p where p.id = h.agent_id) as agent
            from household h""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    public RegistryStore(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    // ---- the API's reads ----

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
        return jdbc.sql(PERSON + " where p.household_id = ? and p.active order by coalesce(p.relation = '户主', false) desc, p.birth_date nulls last, p.id")
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

    // ---- the ledger's pages ----

    /** A line of the household list. */
    record Row(long id, String code, String address, Long gridId, String phone, Long agentId, int members, String head, String agent) {
    }

    /** A page of a village's households inside the reach, by 户号; {@code q} matches 户号, address or a member's name. */
    List<Row> rows(long areaId, Reach reach, Long gridId, String q, int limit, int offset) {
        return filtered(ROW, areaId, reach, gridId, q).param("limit", limit).param("offset", offset)
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getString("code"), rs.getString("address"), (Long) rs.getObject("grid_id"),
                        rs.getString("phone"), (Long) rs.getObject("agent_id"), rs.getInt("members"), rs.getString("head"), rs.getString("agent")))
                .list();
    }

    int total(long areaId, Reach reach, Long gridId, String q) {
        return filtered("select count(*) from household h", areaId, reach, gridId, q).query(Integer.class).single();
    }

    private JdbcClient.StatementSpec filtered(String select, long areaId, Reach reach, Long gridId, String q) {
        String like = "%" + (q == null ? "" : q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        String sql = select + " where h.area_id = :area and" + IN_REACH + """
                 and (cast(:grid as bigint) is null or h.grid_id = cast(:grid as bigint))
                 and (:like = '%%' or h.code ilike :like or h.address ilike :like
                      or exists (select 1 from person p where p.household_id = h.id and p.active and p.name like :like))
                """ + (select.startsWith("select count") ? "" : " order by h.code limit :limit offset :offset");
        return jdbc.sql(sql).param("area", areaId).param("reach", reach.area()).param("own", reach.household()).param("grid", gridId)
                .param("like", like);
    }

    /** True when the household lies inside the reach. */
    boolean reaches(Reach reach, long householdId) {
        return jdbc.sql("select count(*) from household h where h.id = :id and" + IN_REACH).param("id", householdId)
                .param("reach", reach.area()).param("own", reach.household()).query(Integer.class).single() > 0;
    }

    /** The village's active people holding the role, inside the reach (people without a household: only for a reach of the village or wider). */
    List<Person> roster(long areaId, CivicRole role, Reach reach) {
        return jdbc.sql(PERSON + " " + """
                 where p.area_id = :area and p.active and exists (select 1 from person_role r where r.person_id = p.id and r.role = :role)
                   and ((p.household_id is null and cast(:own as bigint) is null
                         and (cast(:reach as bigint) is null or exists (select 1 from area a where a.id = p.area_id and cast(:reach as bigint) = any(a.path))))
                        or exists (select 1 from household h where h.id = p.household_id and""" + IN_REACH + "))\n order by p.name, p.id")
                .param("area", areaId).param("role", role.name()).param("reach", reach.area()).param("own", reach.household())
                .query(RegistryStore::person).list();
    }

    /** Households and people (in households) per grid of a village; the key null: not placed in a grid. */
    Map<Long, int[]> perGrid(long areaId) {
        Map<Long, int[]> out = new LinkedHashMap<>();
        jdbc.sql("""
                select h.grid_id, count(distinct h.id) as households, count(p.id) as people
                from household h left join person p on p.household_id = h.id and p.active
                where h.area_id = ? group by h.grid_id order by h.grid_id nulls last""").param(areaId)
                .query((rs, i) -> out.put((Long) rs.getObject("grid_id"), new int[] {rs.getInt("households"), rs.getInt("people")})).list();
        return out;
    }

    /** How many active people of the area hold each role. */
    Map<CivicRole, Integer> roleCounts(long areaId) {
        Map<CivicRole, Integer> out = new LinkedHashMap<>();
        jdbc.sql("select r.role, count(*) from person p join person_role r on r.person_id = p.id where p.area_id = ? and p.active group by r.role")
                .param(areaId).query((rs, i) -> out.put(CivicRole.valueOf(rs.getString(1)), rs.getInt(2))).list();
        return out;
    }

    /** The active people of the area without a household (the mediation team's legal advisers, say). */
    List<Person> withoutHousehold(long areaId) {
        return jdbc.sql(PERSON + " where p.area_id = ? and p.active and p.household_id is null order by p.name, p.id").param(areaId)
                .query(RegistryStore::person).list();
    }

    /** A household's members who moved away or died: kept for the record. */
    List<Person> formerMembers(long householdId) {
        return jdbc.sql(PERSON + " where p.household_id = ? and not p.active order by p.id").param(householdId).query(RegistryStore::person).list();
    }

    Optional<Household> householdByCode(long areaId, String code) {
        return jdbc.sql(HOUSEHOLD + " where h.area_id = ? and h.code = ?").params(areaId, code).query(RegistryStore::household).optional();
    }

    Optional<Person> personByIdNumber(long areaId, String idNumber) {
        return jdbc.sql(PERSON + " where p.area_id = ? and upper(p.id_number) = upper(?)").params(areaId, idNumber).query(RegistryStore::person)
                .optional();
    }

    /** The households of an area by 户号, and its people by ID number (for an import's checks). */
    Map<String, Household> householdsByCode(long areaId) {
        Map<String, Household> out = new LinkedHashMap<>();
        jdbc.sql(HOUSEHOLD + " where h.area_id = ?").param(areaId).query(RegistryStore::household).list().forEach(h -> out.put(h.code(), h));
        return out;
    }

    Map<String, Person> peopleByIdNumber(long areaId) {
        Map<String, Person> out = new LinkedHashMap<>();
        jdbc.sql(PERSON + " where p.area_id = ? and p.id_number is not null").param(areaId).query(RegistryStore::person).list()
                .forEach(p -> out.put(p.idNumber().toUpperCase(java.util.Locale.ROOT), p));
        return out;
    }

    // ---- writes ----

    /** A new household; its id. */
    public long insertHousehold(long areaId, Long gridId, String code, String address, String phone) {
        return jdbc.sql("insert into household (area_id, grid_id, code, address, phone) values (?, ?, ?, ?, ?) returning id")
                .params(areaId, gridId, code, address, phone).query(Long.class).single();
    }

    void updateHousehold(long id, Long gridId, String code, String address, String phone, Long agentId) {
        jdbc.sql("update household set grid_id = ?, code = ?, address = ?, phone = ?, agent_id = ?, updated_at = now() where id = ?")
                .params(gridId, code, address, phone, agentId, id).update();
    }

    /** A new person with their roles; its id. */
    public long insertPerson(long areaId, Long householdId, String name, String gender, LocalDate birthDate, String idNumber,
            String phone, String relation, Long userId, Set<CivicRole> roles) {
        long id = jdbc.sql("""
                insert into person (area_id, household_id, name, gender, birth_date, id_number, phone, relation, user_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(areaId, householdId, name, gender, birthDate, idNumber, phone, relation, userId).query(Long.class).single();
        setRoles(id, roles);
        return id;
    }

    void updatePerson(Person p) {
        jdbc.sql("""
                update person set household_id = ?, name = ?, gender = ?, birth_date = ?, id_number = ?, phone = ?, relation = ?, active = ?,
                                  updated_at = now() where id = ?""")
                .params(p.householdId(), p.name(), p.gender(), p.birthDate(), p.idNumber(), p.phone(), p.relation(), p.active(), p.id()).update();
        setRoles(p.id(), p.roles());
    }

    /** Links the person to an account (null: unlinks them); the column is unique, so an account links one person. */
    void setUser(long personId, Long userId) {
        jdbc.sql("update person set user_id = ?, updated_at = now() where id = ?").params(userId, personId).update();
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

    /** Households whose 代办员 the person was lose them; their 户号. */
    List<String> clearAgency(long personId) {
        return jdbc.sql("update household set agent_id = null, updated_at = now() where agent_id = ? returning code").param(personId)
                .query(String.class).list();
    }

    // ---- seeding in batches ----

    @Override
    public int loadHouseholds(long areaId, List<NewHousehold> households) {
        Set<String> existing = new HashSet<>(jdbc.sql("select code from household where area_id = ?").param(areaId).query(String.class).list());
        List<NewHousehold> fresh = households.stream().filter(h -> !existing.contains(h.code())).toList();
        batch.batchUpdate("insert into household (area_id, grid_id, code, address, phone) values (?, ?, ?, ?, ?)",
                fresh.stream().map(h -> new Object[] {areaId, h.gridId(), h.code(), h.address(), h.phone()}).toList());
        Map<String, Long> ids = new java.util.HashMap<>();
        jdbc.sql("select code, id from household where area_id = ?").param(areaId).query((rs, i) -> ids.put(rs.getString(1), rs.getLong(2))).list();
        List<Object[]> people = new ArrayList<>();
        for (NewHousehold h : fresh) {
            for (NewPerson p : h.members()) {
                people.add(personRow(areaId, ids.get(h.code()), p));
            }
        }
        insertPeople(areaId, people, fresh.stream().flatMap(h -> h.members().stream()).toList());
        batch.batchUpdate("""
                update household set agent_id = (select p.id from person p where p.area_id = ? and p.id_number = ?)
                where area_id = ? and code = ? and agent_id is null""",
                fresh.stream().filter(h -> h.agentIdNumber() != null).map(h -> new Object[] {areaId, h.agentIdNumber(), areaId, h.code()}).toList());
        return fresh.size();
    }

    @Override
    public int loadPeople(long areaId, List<NewPerson> people) {
        Set<String> existing = new HashSet<>(jdbc.sql("select id_number from person where area_id = ? and id_number is not null").param(areaId)
                .query(String.class).list());
        List<NewPerson> fresh = people.stream().filter(p -> !existing.contains(p.idNumber())).toList();
        insertPeople(areaId, fresh.stream().map(p -> personRow(areaId, null, p)).toList(), fresh);
        return fresh.size();
    }

    private void insertPeople(long areaId, List<Object[]> rows, List<NewPerson> people) {
        batch.batchUpdate("""
                insert into person (area_id, household_id, name, gender, birth_date, id_number, phone, relation) values (?, ?, ?, ?, ?, ?, ?, ?)""",
                rows);
        batch.batchUpdate("insert into person_role (person_id, role) select id, ? from person where area_id = ? and id_number = ? on conflict do nothing",
                people.stream().flatMap(p -> p.roles().stream().map(r -> new Object[] {r.name(), areaId, p.idNumber()})).toList());
    }

    private static Object[] personRow(long areaId, Long householdId, NewPerson p) {
        return new Object[] {areaId, householdId, p.name(), p.gender(), p.birthDate() == null ? null : java.sql.Date.valueOf(p.birthDate()),
            p.idNumber(), p.phone(), p.relation()};
    }

    @Override
    public boolean linkAccount(long areaId, String idNumber, long userId) {
        return jdbc.sql("""
                update person set user_id = ? where area_id = ? and id_number = ? and user_id is null
                  and not exists (select 1 from person o where o.user_id = ?)""").params(userId, areaId, idNumber, userId).update() > 0;
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
                rs.getString("relation"), (Long) rs.getObject("user_id", Long.class), rs.getBoolean("active"), Collections.unmodifiableSet(roles));
    }
}
