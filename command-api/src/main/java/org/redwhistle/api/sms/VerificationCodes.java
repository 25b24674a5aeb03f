package org.redwhistle.api.sms;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One-time six-digit codes that confirm a phone number, and the store of table {@code sms_code}.
 * A code is bound to its number and purpose, kept only as a BCrypt hash, good for
 * {@code redwhistle.sms.code-validity} (10 min) and {@code max-attempts} (5) wrong entries; only
 * the newest message of a number and purpose counts. A number gets at most one message per
 * {@code resend-after} (60 s) and {@code per-day} (10) in 24 hours, whatever they say (a notice
 * that no code was sent counts like a code, so the answers never tell one from the other).
 */
@Service
public class VerificationCodes {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder hashes;
    private final SmsSender sender;
    private final SmsProperties props;
    private final ClusterJobs jobs;
    private final SecureRandom random = new SecureRandom();

    public VerificationCodes(JdbcClient jdbc, TransactionTemplate tx, PasswordEncoder hashes, SmsSender sender, SmsProperties props,
            ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.tx = tx;
        this.hashes = hashes;
        this.sender = sender;
        this.props = props;
    }

    /** A message went out: the code (if any) is good for {@code validFor}; the next may be asked for after {@code resendAfter}. */
    public record Sent(Duration validFor, Duration resendAfter) {
    }

    /**
     * Sends {@code kind} to the number at {@code now}: a new code for CODE (superseding earlier ones
     * of that purpose), a notice otherwise. 429 with Retry-After past the limits; 503 when the
     * sender fails.
     */
    public Sent send(String phone, SmsPurpose purpose, SmsSender.Kind kind, Instant now) {
        // a notice (already registered, not registered) stores a code too, one never sent: whoever tries codes
        // for a number then gets the same answers whether it has an account or not
        String code = String.format("%06d", random.nextInt(1_000_000));
        tx.executeWithoutResult(s -> {
            // one sender at a time per number, so two requests cannot both pass the limits
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("sms:" + phone).query((rs, i) -> 1).single();
            List<Instant> recent = jdbc.sql("select sent_at from sms_code where phone = ? and sent_at > ? order by sent_at desc")
                    .params(phone, Timestamp.from(now.minus(Duration.ofDays(1))))
                    .query((rs, i) -> rs.getTimestamp(1).toInstant()).list();
            if (!recent.isEmpty() && recent.get(0).plus(props.resendAfter()).isAfter(now)) {
                Duration wait = Duration.between(now, recent.get(0).plus(props.resendAfter()));
                throw ApiException.tooManyRequests("a message was sent to this number less than " + props.resendAfter().toSeconds()
                        + " s ago; ask again in " + Math.max(1, wait.toSeconds()) + " s", wait);
            }
            if (recent.size() >= props.perDay()) {
                Duration wait = Duration.between(now, recent.get(recent.size() - 1).plus(Duration.ofDays(1)));
                throw ApiException.tooManyRequests("this number has had " + props.perDay() + " messages in 24 hours, the most it may get",
                        wait);
            }
            jdbc.sql("insert into sms_code (phone, purpose, code_hash, sent_at, expires_at) values (?, ?, ?, ?, ?)")
                    .params(phone, purpose.name(), hashes.encode(code), Timestamp.from(now),
                            Timestamp.from(now.plus(props.codeValidity())))
                    .update();
        });
        try {
            sender.send(new SmsSender.Sms(phone, kind, purpose, kind == SmsSender.Kind.CODE ? code : null, props.codeValidity(), props.signName()));
        } catch (RuntimeException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "SMS not sent",
                    "the text message could not be sent (" + e.getMessage() + "); try again later", List.of());
        }
        return new Sent(props.codeValidity(), props.resendAfter());
    }

    /** How entering a code went. */
    public enum Outcome {
        /** Right: the code is used up. */
        ACCEPTED,
        /** Wrong; the code may be tried again (unless none are left). */
        WRONG,
        /** No code of this purpose is waiting for the number (never sent, already used, or superseded by a notice). */
        NONE,
        EXPIRED,
        /** Too many wrong entries: a new code must be asked for. */
        EXHAUSTED
    }

    /** The outcome and the entries the code has left. */
    public record Redeemed(Outcome outcome, int attemptsLeft) {

        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }

        /** 400 naming {@code code}, with what to do next; call only when not accepted. */
        public ApiException refusal() {
            return switch (outcome) {
                case WRONG -> ApiException.badField("code", attemptsLeft > 0 ? "is wrong; " + attemptsLeft + " more tries"
                        : "is wrong, and that was the last try; ask for a new code");
                case NONE -> ApiException.badField("code", "no code is waiting for this number; ask for one first");
                case EXPIRED -> ApiException.badField("code", "has expired; ask for a new code");
                case EXHAUSTED -> ApiException.badField("code", "was entered wrong too many times; ask for a new code");
                case ACCEPTED -> throw new IllegalStateException("accepted");
            };
        }
    }

    private record Waiting(long id, String hash, Instant expiresAt, int attempts, boolean used) {
    }

    /**
     * Checks {@code code} against the newest message of the number and purpose and uses it up if
     * right. Runs in the caller's transaction, which must commit also when the code is refused (the
     * wrong attempt counts) and may do what the code allows in the same transaction.
     */
    public Redeemed redeem(String phone, SmsPurpose purpose, String code, Instant now) {
        Waiting w = jdbc.sql("""
                select id, code_hash, expires_at, attempts, used_at is not null from sms_code where phone = ? and purpose = ?
                order by sent_at desc, id desc limit 1 for update""")
                .params(phone, purpose.name())
                .query((rs, i) -> new Waiting(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getInt(4), rs.getBoolean(5)))
                .optional().orElse(null);
        if (w == null || w.hash() == null || w.used()) {
            return new Redeemed(Outcome.NONE, 0);
        }
        if (!w.expiresAt().isAfter(now)) {
            return new Redeemed(Outcome.EXPIRED, 0);
        }
        if (w.attempts() >= props.maxAttempts()) {
            return new Redeemed(Outcome.EXHAUSTED, 0);
        }
        if (code == null || !hashes.matches(code, w.hash())) {
            jdbc.sql("update sms_code set attempts = attempts + 1 where id = ?").param(w.id()).update();
            return new Redeemed(Outcome.WRONG, props.maxAttempts() - w.attempts() - 1);
        }
        jdbc.sql("update sms_code set used_at = ? where id = ?").params(Timestamp.from(now), w.id()).update();
        return new Redeemed(Outcome.ACCEPTED, props.maxAttempts() - w.attempts());
    }

    /** Messages older than a day count for nothing any more; once per cluster ({@link ClusterJobs}). */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    public void forget() {
        jobs.runExclusively("sms.codes-forget", () -> jdbc.sql("delete from sms_code where sent_at < now() - interval '2 days'").update());
    }
}
