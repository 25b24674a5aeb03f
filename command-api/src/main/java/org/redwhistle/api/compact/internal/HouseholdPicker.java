package org.redwhistle.api.compact.internal;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The households a report may name, read-only from the registry's tables: the registry's API has no
 * listing of a village's households (it reads one household by id). Writes nothing.
 */
@Repository
public class HouseholdPicker {

    /** A household as the report form lists it: its number, address, grid and head. */
    public record Choice(long id, long areaId, Long gridId, String code, String address, String head) {
    }

    private final JdbcClient jdbc;

    public HouseholdPicker(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Choice> of(long villageId) {
        return jdbc.sql("""
                select h.id, h.area_id, h.grid_id, h.code, h.address,
                       (select p.name from person p where p.household_id = h.id and p.active
                        order by (p.relation = '户主') desc nulls last, p.id limit 1)
                from household h where h.area_id = ? order by h.code""")
                .param(villageId).query((rs, i) -> new Choice(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .list();
    }
}
