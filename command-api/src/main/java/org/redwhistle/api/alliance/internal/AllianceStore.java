package org.redwhistle.api.alliance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.alliance.MembershipStatus;
import org.redwhistle.api.alliance.Trade;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements on the alliance's members: {@code alliance_member}, {@code alliance_member_history}, the badge
 * numbers' sequence and the badge key. Reads join {@code alliance_team}, {@code area} (owned by areas) for the
 * area's name and path, and {@code app_user} (owned by users) for the login name.
 */
@Component
class AllianceStore {

    /** A member as stored, with their team, area and login name. */
    record Row(long id, long areaId, String areaName, List<Long> areaPath, Long teamId, String teamName, String ledByName, String name, String phone,
            String idNumber, Trade trade, String employer, MembershipStatus status, String statusReason, String badgeNo, int badgeVersion, Long userId,
            String username, Long memberId, String appliedBy, Instant appliedAt, Instant since, Instant updatedAt) {
    }

    /** A change of status in a member's history. */
    record Change(MembershipStatus from, MembershipStatus to, String reason, String actor, Instant at) {
    }

    /** What the list may be narrowed to; {@code scope} the area (null: everywhere), {@code userId} one account's own. */
    record Filter(Long scope, Long userId, Long teamId, Trade trade, MembershipStatus status, String q, Long cursor, int limit) {
    }

    private static final String SELECT = """
            select m.id, m.area_id, a.name area_name, a.path, m.team_id, t.name team_name, t.led_by_name, m.name, m.phone, m.id_number, m.trade,
                   m.employer, m.status, m.status_reason, m.badge_no, m.badge_version, m.user_id, u.username, m.member_id, m.applied_by,
                   m.applied_at, m.since, m.updated_at
            from alliance_member m join area a on a.id = m.area_id left join alliance_team t on t.id = m.team_id
            left join app_user u on u.id = m.user_id""";

    private static final String LIST = SELECT + "\n" + """
             where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path))
               and (cast(:user as bigint) is null or m.user_id = cast(:user as bigint))
               and (cast(:team as bigint) is null or m.team_id = cast(:team as bigint))
               and (cast(:trade as text) is null or m.trade = cast(:trade as text))
               and (cast(:status as text) is null or m.status = cast(:status as text))
               and (cast(:q as text) is null or m.name like '%' || cast(:q as text) || '%' or m.phone like '%' || cast(:q as text) || '%'
                    or m.badge_no like '%' || cast(:q as text) || '%' or m.employer like '%' || cast(:q as text) || '%')
               and (cast(:cursor as bigint) is null or m.id < cast(:cursor as bigint))
             order by m.id desc limit :limit""";

    private static final String INSERT = """
            insert into alliance_member (area_id, team_id, name, phone, id_number, trade, employer, status, status_reason, badge_no, user_id,
                member_id, applied_by, applied_at, since, updated_at)
            values (:area, :team, :name, :phone, :idNumber, :trade, :employer, :status, :reason, :badge, :user, :member, :by, :at, :since, :at)
            on conflict (id_number) do nothing returning id""";

    private static final String HISTORY = """
            insert into alliance_member_history (alliance_member_id, from_status, to_status, reason, actor, at) values (?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;

    AllianceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), rs.getLong("area_id"), rs.getString("area_name"), List.of((Long[]) rs.getArray("path").getArray()),
                (Long) rs.getObject("team_id"), rs.getString("team_name"), rs.getString("led_by_name"), rs.getString("name"), rs.getString("phone"),
                rs.getString("id_number"), Trade.valueOf(rs.getString("trade")), rs.getString("employer"), MembershipStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), rs.getString("badge_no"), rs.getInt("badge_version"), (Long) rs.getObject("user_id"),
                rs.getString("username"), (Long) rs.getObject("member_id"), rs.getString("applied_by"), instant(rs, "applied_at"),
                instant(rs, "since"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    List<Row> list(Filter f) {
        return jdbc.sql(LIST).param("scope", f.scope()).param("user", f.userId()).param("team", f.teamId())
                .param("trade", f.trade() == null ? null : f.trade().name()).param("status", f.status() == null ? null : f.status().name())
                .param("q", f.q()).param("cursor", f.cursor()).param("limit", f.limit()).query((rs, i) -> row(rs)).list();
    }

    Optional<Row> byId(long id) {
        return jdbc.sql(SELECT + "\n where m.id = ?").param(id).query((rs, i) -> row(rs)).optional();
    }

    /** The row locked for a change of status (the caller's transaction). */
    Optional<Row> lock(long id) {
        jdbc.sql("select id from alliance_member where id = ? for update").param(id).query(Long.class).optional();
        return byId(id);
    }

    Optional<Row> byIdNumber(String idNumber) {
        return jdbc.sql(SELECT + "\n where m.id_number = ?").param(idNumber).query((rs, i) -> row(rs)).optional();
    }

    Optional<Row> byUser(long userId) {
        return jdbc.sql(SELECT + "\n where m.user_id = ?").param(userId).query((rs, i) -> row(rs)).optional();
    }

    /** The status and its reason of the membership of a responder; empty when they are no alliance member. */
    Optional<Row> byMember(long memberId) {
        return jdbc.sql(SELECT + "\n where m.member_id = ?").param(memberId).query((rs, i) -> row(rs)).optional();
    }

    /** A new member; empty when the ID number is already known. */
    Optional<Long> insert(long areaId, Long teamId, String name, String phone, String idNumber, Trade trade, String employer, MembershipStatus status,
            String reason, String badgeNo, Long userId, Long memberId, String appliedBy, Instant at, Instant since) {
        return jdbc.sql(INSERT).param("area", areaId).param("team", teamId).param("name", name).param("phone", phone).param("idNumber", idNumber)
                .param("trade", trade.name()).param("employer", employer).param("status", status.name()).param("reason", reason).param("badge", badgeNo)
                .param("user", userId).param("member", memberId).param("by", appliedBy).param("at", Timestamp.from(at))
                .param("since", since == null ? null : Timestamp.from(since)).query(Long.class).optional();
    }

    void history(long id, MembershipStatus from, MembershipStatus to, String reason, String actor, Instant at) {
        jdbc.sql(HISTORY).params(id, from == null ? null : from.name(), to.name(), reason, actor, Timestamp.from(at)).update();
    }

    List<Change> history(long id) {
        return jdbc.sql("select from_status, to_status, reason, actor, at from alliance_member_history where alliance_member_id = ? order by at, id")
                .param(id).query((rs, i) -> new Change(rs.getString(1) == null ? null : MembershipStatus.valueOf(rs.getString(1)),
                        MembershipStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant())).list();
    }

    /**
     * The new status. Leaving voids the badge's QR codes (its version moves on): a member who left and is vetted
     * again later does not make the badge they never gave back check as valid again.
     */
    void setStatus(long id, MembershipStatus to, String reason, Instant at) {
        jdbc.sql("""
                update alliance_member set status = ?, status_reason = ?, updated_at = ?,
                    badge_version = badge_version + case when ? = 'LEFT' and badge_no is not null then 1 else 0 end where id = ?""")
                .params(to.name(), reason, Timestamp.from(at), to.name(), id).update();
    }

    /** The first activation: team, badge number, since, account and responder. */
    void activate(long id, Long teamId, String badgeNo, Instant since, Long userId, Long memberId) {
        jdbc.sql("""
                update alliance_member set team_id = coalesce(?, team_id), badge_no = coalesce(badge_no, ?), since = coalesce(since, ?), user_id = coalesce(?, user_id),
                    member_id = coalesce(?, member_id) where id = ?""")
                .params(teamId, badgeNo, Timestamp.from(since), userId, memberId, id).update();
    }

    /** A member's own fields as a form or an import changes them. */
    void updateDetails(long id, String name, String phone, Trade trade, String employer, Long teamId, Instant at) {
        jdbc.sql("update alliance_member set name = ?, phone = ?, trade = ?, employer = ?, team_id = ?, updated_at = ? where id = ?")
                .params(name, phone, trade.name(), employer, teamId, Timestamp.from(at), id).update();
    }

    void reapply(long id, long areaId, String name, String phone, Trade trade, String employer, Long userId, String appliedBy, Instant at) {
        jdbc.sql("""
                update alliance_member set area_id = ?, name = ?, phone = ?, trade = ?, employer = ?, user_id = coalesce(?, user_id), applied_by = ?,
                    applied_at = ?, updated_at = ? where id = ?""")
                .params(areaId, name, phone, trade.name(), employer, userId, appliedBy, Timestamp.from(at), Timestamp.from(at), id).update();
    }

    /** A new badge version: QR codes of the older ones are void. Returns the new version. */
    int bumpBadge(long id) {
        return jdbc.sql("update alliance_member set badge_version = badge_version + 1, updated_at = now() where id = ? returning badge_version")
                .param(id).query(Integer.class).single();
    }

    /** The next badge number under a prefix (the district's code): e.g. 370705-00123. */
    String nextBadgeNo(String prefix) {
        long n = jdbc.sql("select nextval('alliance_badge_seq')").query(Long.class).single();
        return prefix + "-" + String.format("%05d", n);
    }

    /** {@code n} badge numbers at once (seeding). */
    List<String> nextBadgeNos(String prefix, int n) {
        return jdbc.sql("select nextval('alliance_badge_seq') from generate_series(1, ?)").param(n).query(Long.class).list().stream()
                .map(v -> prefix + "-" + String.format("%05d", v)).toList();
    }

    byte[] badgeKey() {
        return jdbc.sql("select key from alliance_badge_key where id = 1").query(byte[].class).single();
    }

    long count() {
        return jdbc.sql("select count(*) from alliance_member").query(Long.class).single();
    }

    /** Members by status inside the area (all when null). */
    List<Object[]> countsByStatus(Long scope) {
        return jdbc.sql("""
                select m.status, count(*) from alliance_member m join area a on a.id = m.area_id
                where cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path) group by m.status""")
                .param("scope", scope).query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).list();
    }

    /** Members in the register (在册) by trade inside the area. */
    List<Object[]> activeByTrade(Long scope) {
        return jdbc.sql("""
                select m.trade, count(*) from alliance_member m join area a on a.id = m.area_id
                where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path)) and m.status = 'ACTIVE' group by m.trade""")
                .param("scope", scope).query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).list();
    }
}
