package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.leads.FundMovementKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements on {@code reward_fund} and {@code reward_fund_movement}: a district's fund of a year and its
 * ledger. The balance is the database's: each movement inserted moves it (trigger reward_fund_move), and a
 * payment larger than the balance fails the CHECK reward_fund_balance_non_negative.
 */
@Component
public class FundStore {

    /** The constraint the database names when a payment would take the balance below zero. */
    public static final String NON_NEGATIVE = "reward_fund_balance_non_negative";

    private final JdbcClient jdbc;

    public FundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Fund(long id, long areaId, int year, BigDecimal budget, BigDecimal balance, Instant createdAt) {
    }

    public record Movement(long id, FundMovementKind kind, BigDecimal amount, BigDecimal balanceAfter, Long rewardId, String actor, Instant at,
            String note) {
    }

    public Optional<Fund> find(long areaId, int year) {
        return jdbc.sql("select id, area_id, year, budget, balance, created_at from reward_fund where area_id = ? and year = ?")
                .params(areaId, year).query((rs, i) -> new Fund(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getTimestamp(6).toInstant())).optional();
    }

    /** Creates the (empty) fund of a district's year unless it exists; its id when this call created it. */
    public Optional<Long> create(long areaId, int year, Instant at) {
        return jdbc.sql("insert into reward_fund (area_id, year, created_at) values (?, ?, ?) on conflict (area_id, year) do nothing returning id")
                .params(areaId, year, Timestamp.from(at)).query(Long.class).optional();
    }

    /** Adds a ledger row (the database moves the balance with it); returns the balance after it. */
    public BigDecimal move(long fundId, FundMovementKind kind, BigDecimal amount, Long rewardId, String actor, Instant at, String note) {
        return jdbc.sql("""
                insert into reward_fund_movement (fund_id, kind, amount, reward_id, actor, at, note) values (?, ?, ?, ?, ?, ?, ?)
                returning balance_after""")
                .params(fundId, kind.name(), amount, rewardId, actor, Timestamp.from(at), note).query(BigDecimal.class).single();
    }

    /** The ledger of a fund, oldest first. */
    public List<Movement> movements(long fundId) {
        return jdbc.sql("select id, kind, amount, balance_after, reward_id, actor, at, note from reward_fund_movement where fund_id = ? order by id")
                .param(fundId).query((rs, i) -> {
                    long reward = rs.getLong(5);
                    Long rewardId = rs.wasNull() ? null : reward;
                    return new Movement(rs.getLong(1), FundMovementKind.valueOf(rs.getString(2)), rs.getBigDecimal(3), rs.getBigDecimal(4), rewardId,
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8));
                }).list();
    }
}
