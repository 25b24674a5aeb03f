package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.leads.RewardKind;
import org.redwhistle.api.leads.RewardStatus;
import org.redwhistle.api.leads.RewardView;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The statements on {@code reward}: rewards proposed for leads, approved (paid) or refused. */
@Component
public class RewardStore {

    static final String COLUMNS = """
            select r.id, r.lead_id, l.text, r.member_id, m.name, m.affiliation, r.kind, r.amount, r.reason, r.status, r.area_path,
                   r.proposed_by, r.proposed_at, r.decided_by, r.decided_at, r.decision_note, f.year
            from reward r join lead l on l.id = r.lead_id join member m on m.id = r.member_id left join reward_fund f on f.id = r.fund_id
            """;

    static final String LIST = COLUMNS + """
            where (cast(:area as bigint) is null or cast(:area as bigint) = any(r.area_path))
              and (cast(:member as bigint) is null or r.member_id = cast(:member as bigint))
              and (cast(:lead as bigint) is null or r.lead_id = cast(:lead as bigint))
              and (cast(:status as text) is null or r.status = cast(:status as text))
            order by r.proposed_at desc, r.id desc limit :limit""";

    private final JdbcClient jdbc;

    public RewardStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewReward(long leadId, long memberId, RewardKind kind, BigDecimal amount, String reason, List<Long> areaPath, String by,
            Instant at) {
    }

    public long insert(NewReward r) {
        return jdbc.sql("""
                insert into reward (lead_id, member_id, kind, amount, reason, area_path, proposed_by, proposed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.leadId(), r.memberId(), r.kind().name(), r.amount(), r.reason(), r.areaPath().toArray(Long[]::new), r.by(),
                        Timestamp.from(r.at()))
                .query(Long.class).single();
    }

    /** Which rewards: inside an area (all when null), of a member, of a lead, in a status. */
    public record Query(Long areaId, Long memberId, Long leadId, RewardStatus status, int limit) {
    }

    public List<RewardView> list(Query q) {
        return jdbc.sql(LIST).param("area", q.areaId()).param("member", q.memberId()).param("lead", q.leadId())
                .param("status", q.status() == null ? null : q.status().name()).param("limit", q.limit()).query(RewardStore::view).list();
    }

    public Optional<RewardView> find(long id) {
        return jdbc.sql(COLUMNS + " where r.id = ?").param(id).query(RewardStore::view).optional();
    }

    /** The reward with its row locked until the transaction ends: two leaders deciding at once are served one after the other. */
    public Optional<RewardView> lock(long id) {
        jdbc.sql("select id from reward where id = ? for update").param(id).query(Long.class).optional();
        return find(id);
    }

    /** Records the decision; {@code fundId} the fund that paid it (approved), null when refused. */
    public void decide(long id, RewardStatus status, String by, Instant at, String note, Long fundId) {
        jdbc.sql("update reward set status = ?, decided_by = ?, decided_at = ?, decision_note = ?, fund_id = ? where id = ?")
                .params(status.name(), by, Timestamp.from(at), note, fundId, id).update();
    }

    /** A member's paid reward in a year's fund, for the year's report; {@code areaPath} the lead's place (root first). */
    public record Paid(long rewardId, long leadId, long memberId, String member, String affiliation, RewardKind kind, BigDecimal amount,
            String reason, Instant paidAt, String approvedBy, List<Long> areaPath) {
    }

    public List<Paid> paid(long fundId) {
        return jdbc.sql("""
                select r.id, r.lead_id, r.member_id, m.name, m.affiliation, r.kind, r.amount, r.reason, r.decided_at, r.decided_by, r.area_path
                from reward r join member m on m.id = r.member_id
                where r.fund_id = ? and r.status = 'APPROVED' order by r.decided_at, r.id""")
                .param(fundId)
                .query((rs, i) -> new Paid(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        RewardKind.valueOf(rs.getString(6)), rs.getBigDecimal(7), rs.getString(8), rs.getTimestamp(9).toInstant(), rs.getString(10),
                        LeadStore.path(rs.getArray(11))))
                .list();
    }

    /** The rewards of a fund's ledger (paid or reversed) whose lead lies outside an area. */
    public java.util.Set<Long> paidOutside(long fundId, long areaId) {
        return new java.util.HashSet<>(jdbc.sql("""
                select distinct r.id from reward_fund_movement mv join reward r on r.id = mv.reward_id
                where mv.fund_id = ? and not (? = any(r.area_path))""")
                .params(fundId, areaId).query(Long.class).list());
    }

    /** Rewards paid in [from, to) inside an area (all when null): how many and how much. */
    public record PaidFigures(long count, BigDecimal amount) {
    }

    public PaidFigures paidFigures(Long areaId, Instant from, Instant to) {
        return jdbc.sql("""
                select count(*), coalesce(sum(amount), 0) from reward
                where status = 'APPROVED' and (cast(:area as bigint) is null or cast(:area as bigint) = any(area_path))
                  and decided_at >= :from and decided_at < :to""")
                .param("area", areaId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, i) -> new PaidFigures(rs.getLong(1), rs.getBigDecimal(2))).single();
    }

    private static RewardView view(ResultSet rs, int i) throws SQLException {
        RewardKind kind = RewardKind.valueOf(rs.getString(7));
        RewardStatus status = RewardStatus.valueOf(rs.getString(10));
        Timestamp decided = rs.getTimestamp(15);
        int year = rs.getInt(17);
        Integer fundYear = rs.wasNull() ? null : year;
        return new RewardView(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getString(6), kind, kind.label(),
                rs.getBigDecimal(8), rs.getString(9), status, status.label(), LeadStore.path(rs.getArray(11)), rs.getString(12),
                rs.getTimestamp(13).toInstant(), rs.getString(14), decided == null ? null : decided.toInstant(), rs.getString(16), fundYear);
    }
}
