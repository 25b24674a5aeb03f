package org.redwhistle.api.allianceduty.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code duty_shift} and {@code duty_assignment}. Reads {@code alliance_team} (the alliance
 * module's), {@code tour}, {@code area} and {@code member} without writing them.
 */
@Repository
class RosterStore {

    record Shift(long id, long areaId, String areaName, Long teamId, String teamName, Instant startsAt, Instant endsAt, String place, Long tourId,
            String tourName, String note) {
    }

    /** A member on a shift, with their duty state now (OFF_DUTY, AVAILABLE, BUSY). */
    record OnShift(long shiftId, long memberId, String name, String affiliation, String role, String state) {
    }

    /** A team of the alliance (read only: the alliance module owns them). */
    record Team(long id, long areaId, String areaName, String name, String ledBy) {
    }

    /** A guard tour (read only: the tours feature owns them). */
    record Tour(long id, long areaId, String name) {
    }

    private static final String SHIFTS = """
            select s.id, s.area_id, a.name area_name, s.team_id, t.name team_name, s.starts_at, s.ends_at, s.place, s.tour_id, tr.name tour_name, s.note
            from duty_shift s join area a on a.id = s.area_id left join alliance_team t on t.id = s.team_id left join tour tr on tr.id = s.tour_id
            """;

    private final JdbcClient jdbc;

    RosterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long areaId, Long teamId, Instant startsAt, Instant endsAt, String place, Long tourId, String note, String by, Instant at) {
        return jdbc.sql("""
                insert into duty_shift (area_id, team_id, starts_at, ends_at, place, tour_id, note, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(areaId, teamId, Timestamp.from(startsAt), Timestamp.from(endsAt), place, tourId, note, by, Timestamp.from(at))
                .query(Long.class).single();
    }

    void delete(long id) {
        jdbc.sql("delete from duty_shift where id = ?").param(id).update();
    }

    /** Exactly these members on the shift. */
    void assign(long shiftId, Collection<Long> memberIds) {
        jdbc.sql("delete from duty_assignment where shift_id = ? and member_id <> all(cast(? as bigint[]))").params(shiftId, memberIds.toArray(Long[]::new)).update();
        jdbc.sql("insert into duty_assignment (shift_id, member_id) select cast(? as bigint), unnest(cast(? as bigint[])) on conflict do nothing")
                .params(shiftId, memberIds.toArray(Long[]::new)).update();
    }

    boolean exists(Long teamId, long areaId, Instant startsAt, String place) {
        return jdbc.sql("""
                select count(*) from duty_shift where (team_id = cast(:team as bigint) or (cast(:team as bigint) is null and area_id = :area))
                   and starts_at = :at and place = :place""")
                .param("team", teamId).param("area", areaId).param("at", Timestamp.from(startsAt)).param("place", place)
                .query(Long.class).single() > 0;
    }

    Optional<Shift> shift(long id) {
        return jdbc.sql(SHIFTS + " where s.id = ?").param(id).query(RosterStore::shift).optional();
    }

    /**
     * The shifts inside the area (all when null), of a team when given, that overlap [from, to), by start. Shifts are
     * found by the area's path, so a street's police see the shifts of its communities' teams.
     */
    List<Shift> shifts(Long scopeAreaId, Long teamId, Instant from, Instant to) {
        return jdbc.sql(SHIFTS + """
                 where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path))
                   and (cast(:team as bigint) is null or s.team_id = cast(:team as bigint))
                   and s.starts_at < :to and s.ends_at > :from
                 order by s.starts_at, s.place, s.id""")
                .param("scope", scopeAreaId).param("team", teamId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(RosterStore::shift).list();
    }

    /** The member's shifts that end after {@code from}, the next first. */
    List<Shift> shiftsOf(long memberId, Instant from, int limit) {
        return jdbc.sql(SHIFTS + " join duty_assignment d on d.shift_id = s.id where d.member_id = ? and s.ends_at > ? order by s.starts_at limit ?")
                .params(memberId, Timestamp.from(from), limit).query(RosterStore::shift).list();
    }

    /** The members on these shifts, with their duty state now. */
    List<OnShift> onShifts(Collection<Long> shiftIds) {
        if (shiftIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                select d.shift_id, m.id, m.name, m.affiliation, m.role, m.state from duty_assignment d join member m on m.id = d.member_id
                where d.shift_id = any(?) order by m.name, m.id""").param(shiftIds.toArray(Long[]::new))
                .query((rs, i) -> new OnShift(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    Optional<Team> team(long id) {
        return jdbc.sql("""
                select t.id, t.area_id, a.name, t.name, t.led_by_name from alliance_team t join area a on a.id = t.area_id where t.id = ?""")
                .param(id).query(RosterStore::team).optional();
    }

    /** The active teams inside the area (all when null), by area and name. */
    List<Team> teams(Long scopeAreaId) {
        return jdbc.sql("""
                select t.id, t.area_id, a.name, t.name, t.led_by_name from alliance_team t join area a on a.id = t.area_id
                where t.active and (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path)) order by a.path, t.name""")
                .param("scope", scopeAreaId).query(RosterStore::team).list();
    }

    Optional<Tour> tour(long id) {
        return jdbc.sql("select id, area_id, name from tour where id = ?").param(id)
                .query((rs, i) -> new Tour(rs.getLong(1), rs.getLong(2), rs.getString(3))).optional();
    }

    private static Team team(ResultSet rs, int i) throws SQLException {
        return new Team(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    private static Shift shift(ResultSet rs, int i) throws SQLException {
        return new Shift(rs.getLong("id"), rs.getLong("area_id"), rs.getString("area_name"), rs.getObject("team_id", Long.class),
                rs.getString("team_name"), rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("place"),
                rs.getObject("tour_id", Long.class), rs.getString("tour_name"), rs.getString("note"));
    }
}
