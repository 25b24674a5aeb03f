package org.redwhistle.api.security;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per user name and per client address in the database (so every instance
 * counts the same) and says how long either is blocked. Blocked attempts are refused before the
 * password is checked, so guessing gains nothing while a block lasts.
 */
@Component
public class LoginThrottle {

    private static final String FAIL = """
            insert into login_throttle as t (key, failures, last_failure, blocked_until) values (:key, 1, :now, null)
            on conflict (key) do update set
                failures = case when t.last_failure < cast(:now as timestamptz) - cast(:forget as interval) then 1 else t.failures + 1 end,
                last_failure = :now
            returning failures""";

    private final JdbcClient jdbc;
    private final LoginProperties props;

    public LoginThrottle(JdbcClient jdbc, LoginProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** How long the name or the address is still blocked; empty when neither is. */
    public Optional<Duration> blocked(String username, String address, Instant now) {
        Timestamp until = jdbc.sql("select max(blocked_until) from login_throttle where key in (:user, :addr)")
                .param("user", userKey(username)).param("addr", addressKey(address)).query(Timestamp.class).optional().orElse(null);
        if (until == null || !until.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, until.toInstant()));
    }

    /** Counts a failure for both; returns the longer block it started (empty: still within the free failures). */
    public Optional<Duration> failed(String username, String address, Instant now) {
        Duration user = count(userKey(username), props.freeFailuresPerUser(), now);
        Duration addr = count(addressKey(address), props.freeFailuresPerAddress(), now);
        Duration longer = user.compareTo(addr) >= 0 ? user : addr;
        return longer.isZero() ? Optional.empty() : Optional.of(longer);
    }

    /** A successful login clears the name's count; the address keeps its own (a valid account must not launder guesses). */
    public void succeeded(String username) {
        jdbc.sql("delete from login_throttle where key = ?").param(userKey(username)).update();
    }

    private Duration count(String key, int free, Instant now) {
        int failures = jdbc.sql(FAIL).param("key", key).param("now", Timestamp.from(now))
                .param("forget", props.forgetAfter().toSeconds() + " seconds").query(Integer.class).single();
        Duration block = backoff(failures - free);
        if (!block.isZero()) {
            jdbc.sql("update login_throttle set blocked_until = ? where key = ?").params(Timestamp.from(now.plus(block)), key).update();
        }
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

    /** Counters nobody added to for longer than forgetAfter (and not blocking) go. */
    @Scheduled(fixedDelayString = "${redwhistle.security.login.forget-after:15m}")
    public void forget() {
        jdbc.sql("delete from login_throttle where last_failure < now() - cast(? as interval) and (blocked_until is null or blocked_until < now())")
                .param(props.forgetAfter().toSeconds() + " seconds").update();
    }

    private static String userKey(String username) {
        return "user:" + username.toLowerCase(java.util.Locale.ROOT);
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }
}
