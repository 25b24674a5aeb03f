package org.redwhistle.api.login.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts login attempts per user name and per client address in the database (every instance
 * counts the same). An attempt is counted as a failure before the password is checked, under the
 * key's row lock, so guesses sent in parallel cannot all slip past the count; a success takes it
 * back. Past the free failures each attempt that may still try starts a block (doubling from
 * {@code firstBlock}), and attempts while a block lasts are refused without checking the password.
 */
@Component
public class LoginThrottle {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final LoginProperties props;

    public LoginThrottle(JdbcClient jdbc, TransactionTemplate tx, LoginProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
    }

    /**
     * An attempt: {@code refusedFor} is how long the name or the address is still blocked (the
     * password must not be checked); otherwise {@code blocks} is the block this attempt starts
     * should it fail (zero within the free failures).
     */
    public record Attempt(Optional<Duration> refusedFor, Duration blocks) {
    }

    private record Row(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    /** Counts the attempt for both keys (name first, then address, always in that order). */
    public Attempt attempt(String username, String address, Instant now) {
        return tx.execute(s -> {
            Row user = lock(userKey(username), now);
            Row addr = lock(addressKey(address), now);
            Duration wait = longer(remaining(user, now), remaining(addr, now));
            if (!wait.isZero()) {
                return new Attempt(Optional.of(wait), Duration.ZERO);
            }
            Duration blocks = longer(count(userKey(username), user, props.freeFailuresPerUser(), now),
                    count(addressKey(address), addr, props.freeFailuresPerAddress(), now));
            return new Attempt(Optional.empty(), blocks);
        });
    }

    /** The password was right: the name starts afresh, and the address has its attempt back. */
    public void succeeded(String username, String address) {
        jdbc.sql("delete from login_throttle where key = ?").param(userKey(username)).update();
        jdbc.sql("""
                update login_throttle set failures = greatest(failures - 1, 0),
                    blocked_until = case when greatest(failures - 1, 0) <= ? then null else blocked_until end
                where key = ?""").params(props.freeFailuresPerAddress(), addressKey(address)).update();
    }

    private Row lock(String key, Instant now) {
        jdbc.sql("insert into login_throttle (key, failures, last_failure) values (?, 0, ?) on conflict (key) do nothing")
                .params(key, Timestamp.from(now)).update();
        return jdbc.sql("select failures, last_failure, blocked_until from login_throttle where key = ? for update").param(key)
                .query((rs, i) -> new Row(rs.getInt(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant()))
                .single();
    }

    private static Duration remaining(Row r, Instant now) {
        return r.blockedUntil() != null && r.blockedUntil().isAfter(now) ? Duration.between(now, r.blockedUntil()) : Duration.ZERO;
    }

    /** Counts one more failure (a key quiet for forgetAfter since its last failure or block starts from zero); returns the block it starts. */
    private Duration count(String key, Row r, int free, Instant now) {
        Instant quietSince = r.blockedUntil() != null && r.blockedUntil().isAfter(r.lastFailure()) ? r.blockedUntil() : r.lastFailure();
        int failures = (quietSince.plus(props.forgetAfter()).isBefore(now) ? 0 : r.failures()) + 1;
        Duration block = backoff(failures - free);
        jdbc.sql("update login_throttle set failures = ?, last_failure = ?, blocked_until = ? where key = ?")
                .params(failures, Timestamp.from(now), block.isZero() ? null : Timestamp.from(now.plus(block)), key).update();
        return block;
    }

    /** Zero within the free failures, then firstBlock, doubling with each further failure, at most maxBlock. */
    Duration backoff(int beyondFree) {
        if (beyondFree <= 0) {
            return Duration.ZERO;
        }
        long ms = props.firstBlock().toMillis() << Math.min(beyondFree - 1, 30);
        return ms <= 0 || ms > props.maxBlock().toMillis() ? props.maxBlock() : Duration.ofMillis(ms);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Keys nobody tried for longer than forgetAfter, and not blocking, go. */
    @Scheduled(fixedDelayString = "${redwhistle.security.login.forget-after:15m}")
    public void forget() {
        jdbc.sql("""
                delete from login_throttle where greatest(last_failure, coalesce(blocked_until, last_failure)) < now() - cast(? as interval)""")
                .param(props.forgetAfter().toSeconds() + " seconds").update();
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }
}
