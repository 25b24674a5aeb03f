package org.redwhistle.api.login.internal;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import java.util.Optional;

import org.redwhistle.api.security.SecurityProperties;
import org.redwhistle.ingest.provisioning.ProvisioningKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refresh tokens: random, shown once, stored as SHA-256, valid {@code redwhistle.security.refresh-ttl}
 * (14 days), rotated on every use. Presenting a token that was already rotated or revoked means it
 * leaked: every refresh token of that user is revoked.
 */
@Component
public class RefreshTokens {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(JdbcClient jdbc, TransactionTemplate tx, SecurityProperties security) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ttl = security.refreshTtl();
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(long userId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant exp = Instant.now().plus(ttl);
        jdbc.sql("insert into refresh_token (user_id, token_hash, expires_at) values (?, ?, ?)").params(userId, ProvisioningKeys.sha256(token), Timestamp.from(exp))
                .update();
        return new Issued(token, exp);
    }

    /** The user id a valid token belongs to, after revoking it (the caller issues the next one); empty if invalid. */
    /** A stored refresh token and whether its user may still log in. */
    private record Stored(long id, long userId, boolean revoked, Instant expiresAt, boolean userEnabled) {
    }

    public Optional<Long> redeem(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return tx.execute(s -> {
            var row = jdbc.sql("""
                    select r.id, r.user_id, r.revoked, r.expires_at, u.enabled from refresh_token r join app_user u on u.id = r.user_id
                    where r.token_hash = ? for update of r""")
                    .param(ProvisioningKeys.sha256(token))
                    .query((rs, i) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
                    .optional();
            if (row.isEmpty()) {
                return Optional.<Long>empty();
            }
            Stored r = row.get();
            long userId = r.userId();
            if (r.revoked()) {
                jdbc.sql("update refresh_token set revoked = true where user_id = ?").param(userId).update(); // reuse: revoke the lot
                return Optional.<Long>empty();
            }
            jdbc.sql("update refresh_token set revoked = true where id = ?").param(r.id()).update();
            if (r.expiresAt().isBefore(Instant.now()) || !r.userEnabled()) {
                return Optional.<Long>empty();
            }
            return Optional.of(userId);
        });
    }

    /** Every refresh token of the user stops renewing anything (their password changed). */
    public void revokeAll(long userId) {
        jdbc.sql("update refresh_token set revoked = true where user_id = ?").param(userId).update();
    }

    public void revoke(String token) {
        if (token != null) {
            jdbc.sql("update refresh_token set revoked = true where token_hash = ?").param(ProvisioningKeys.sha256(token)).update();
        }
    }
}
