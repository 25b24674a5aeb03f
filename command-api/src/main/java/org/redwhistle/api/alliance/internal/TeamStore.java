package org.redwhistle.api.alliance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.alliance.LedBy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements on {@code alliance_team}, the alliance's teams. Reads join {@code area} (owned by areas) for
 * the area's name and path, and {@code app_user} (owned by users) for the leading officer's name.
 */
@Component
class TeamStore {

    /** A team as stored, with its area's name and path, its leader's name, and its members in the register (在册). */
    record Team(long id, long areaId, String areaName, List<Long> areaPath, String name, LedBy ledBy, String ledByName, Long leaderUser,
            String leaderName, boolean active, long members) {
    }

    private static final String SELECT = """
            select t.id, t.area_id, a.name area_name, a.path, t.name, t.led_by_kind, t.led_by_name, t.leader_user, u.display_name leader_name,
                   t.active, (select count(*) from alliance_member m where m.team_id = t.id and m.status = 'ACTIVE') members
            from alliance_team t join area a on a.id = t.area_id left join app_user u on u.id = t.leader_user""";

    private final JdbcClient jdbc;

    TeamStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Team row(ResultSet rs) throws SQLException {
        return new Team(rs.getLong("id"), rs.getLong("area_id"), rs.getString("area_name"), List.of((Long[]) rs.getArray("path").getArray()),
                rs.getString("name"), LedBy.valueOf(rs.getString("led_by_kind")), rs.getString("led_by_name"), (Long) rs.getObject("leader_user"),
                rs.getString("leader_name"), rs.getBoolean("active"), rs.getLong("members"));
    }

    /** The teams inside the area (all when null), by area and name. */
    List<Team> list(Long scope) {
        return jdbc.sql(SELECT + "\n where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path)) order by a.path, t.name")
                .param("scope", scope).query((rs, i) -> row(rs)).list();
    }

    Optional<Team> byId(long id) {
        return jdbc.sql(SELECT + "\n where t.id = ?").param(id).query((rs, i) -> row(rs)).optional();
    }

    Optional<Team> byName(Long scope, String name) {
        return jdbc.sql(SELECT + "\n where t.name = :name and (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path)) order by t.id limit 1")
                .param("name", name).param("scope", scope).query((rs, i) -> row(rs)).optional();
    }

    Optional<Long> idOf(long areaId, String name) {
        return jdbc.sql("select id from alliance_team where area_id = ? and name = ?").params(areaId, name).query(Long.class).optional();
    }

    long insert(long areaId, String name, LedBy ledBy, String ledByName, Long leaderUser, boolean active) {
        return jdbc.sql("""
                insert into alliance_team (area_id, name, led_by_kind, led_by_name, leader_user, active) values (?, ?, ?, ?, ?, ?) returning id""")
                .params(areaId, name, ledBy.name(), ledByName, leaderUser, active).query(Long.class).single();
    }

    void update(long id, long areaId, String name, LedBy ledBy, String ledByName, Long leaderUser, boolean active) {
        jdbc.sql("update alliance_team set area_id = ?, name = ?, led_by_kind = ?, led_by_name = ?, leader_user = ?, active = ? where id = ?")
                .params(areaId, name, ledBy.name(), ledByName, leaderUser, active, id).update();
    }
}
