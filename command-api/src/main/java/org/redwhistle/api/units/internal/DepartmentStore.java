package org.redwhistle.api.units.internal;

import java.util.List;
import java.util.Optional;

import org.redwhistle.api.units.Department;
import org.redwhistle.api.units.Departments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one owner of {@code department}; reads {@code app_user.department_id} (owned by users) to find a user's department. */
@Repository
public class DepartmentStore implements Departments {

    private static final String COLUMNS = "d.id, d.code, d.name, d.short_name, d.area_id, d.phone, d.active, d.sort";

    private final JdbcClient jdbc;

    public DepartmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Department> byCode(String code) {
        return jdbc.sql("select " + COLUMNS + " from department d where d.code = ?").param(code).query(DepartmentStore::row).optional();
    }

    @Override
    public Optional<Department> byId(long id) {
        return jdbc.sql("select " + COLUMNS + " from department d where d.id = ?").param(id).query(DepartmentStore::row).optional();
    }

    @Override
    public List<Department> serving(List<Long> areaPath) {
        return jdbc.sql("select " + COLUMNS + " from department d where d.active and d.area_id = any(?) order by d.sort, d.id")
                .param(areaPath.toArray(Long[]::new)).query(DepartmentStore::row).list();
    }

    @Override
    public Optional<Department> of(long userId) {
        return jdbc.sql("select " + COLUMNS + " from department d join app_user u on u.department_id = d.id where u.id = ?").param(userId)
                .query(DepartmentStore::row).optional();
    }

    /** Every department inside (or serving) the area {@code scope} (null: all), active or not, in sort order. */
    public List<Department> all(Long scope) {
        return jdbc.sql("select " + COLUMNS + " from department d join area a on a.id = d.area_id"
                + " where cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path) or d.area_id = any(select unnest(path) from area where id = cast(:scope as bigint))"
                + " order by d.sort, d.id").param("scope", scope).query(DepartmentStore::row).list();
    }

    @Override
    public long ensure(Department d) {
        jdbc.sql("insert into department (code, name, short_name, area_id, phone, active, sort) values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing")
                .params(d.code(), d.name(), d.shortName(), d.areaId(), d.phone(), d.active(), d.sort()).update();
        return byCode(d.code()).orElseThrow().id();
    }

    public long insert(Department d) {
        return jdbc.sql("insert into department (code, name, short_name, area_id, phone, active, sort) values (?, ?, ?, ?, ?, ?, ?) returning id")
                .params(d.code(), d.name(), d.shortName(), d.areaId(), d.phone(), d.active(), d.sort()).query(Long.class).single();
    }

    public void update(Department d) {
        jdbc.sql("update department set name = ?, short_name = ?, area_id = ?, phone = ?, active = ?, sort = ? where id = ?")
                .params(d.name(), d.shortName(), d.areaId(), d.phone(), d.active(), d.sort(), d.id()).update();
    }

    /** How many enabled accounts each department has. */
    public java.util.Map<Long, Long> accounts() {
        java.util.Map<Long, Long> out = new java.util.HashMap<>();
        jdbc.sql("select department_id, count(*) from app_user where enabled and department_id is not null group by department_id")
                .query((rs, i) -> out.put(rs.getLong(1), rs.getLong(2))).list();
        return out;
    }

    /** Enabled accounts per area and role (department accounts under their department instead). */
    public java.util.Map<Long, java.util.Map<String, Long>> accountsByArea() {
        java.util.Map<Long, java.util.Map<String, Long>> out = new java.util.HashMap<>();
        jdbc.sql("select area_id, role, count(*) from app_user where enabled and area_id is not null and department_id is null and role <> 'RESIDENT'"
                + " group by area_id, role").query((rs, i) -> out.computeIfAbsent(rs.getLong(1), k -> new java.util.TreeMap<>())
                        .put(rs.getString(2), rs.getLong(3))).list();
        return out;
    }

    private static Department row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Department(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6), rs.getBoolean(7),
                rs.getInt(8));
    }
}
