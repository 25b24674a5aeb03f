package org.redwhistle.api.open311.internal;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.ingest.provisioning.ProvisioningKeys;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Open311 API keys. Each key belongs to an area and acts through its own resident account (so its
 * requests are cases like any other, and it sees only the requests it filed). Only the key's SHA-256
 * is stored; the key itself is shown once. The one owner of {@code open311_key}; the account is
 * created through the users feature's repository, and verifying a key joins {@code app_user} read-only.
 */
@Component
public class Open311Keys {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PasswordEncoder passwords;
    private final UserAccountRepository users;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    public Open311Keys(JdbcClient jdbc, TransactionTemplate tx, PasswordEncoder passwords, UserAccountRepository users, AuditLog audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.passwords = passwords;
        this.users = users;
        this.audit = audit;
    }

    /** The account a valid key acts as. */
    public record Client(long keyId, String name, CurrentUser user) {
    }

    public record Issued(long id, String name, String apiKey, long areaId) {
    }

    public Issued issue(String name, long areaId, String actor) {
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String key = "o311_" + HexFormat.of().formatHex(raw);
        return tx.execute(s -> {
            String username = "open311-" + HexFormat.of().formatHex(raw, 0, 4);
            long userId = users.save(new UserAccount(username, "Open311: " + name, passwords.encode(HexFormat.of().formatHex(raw)), Role.RESIDENT, areaId))
                    .getId();
            long id = jdbc.sql("insert into open311_key (name, key_hash, area_id, user_id, created_by) values (?, ?, ?, ?, ?) returning id")
                    .params(name, ProvisioningKeys.sha256(key), areaId, userId, actor).query(Long.class).single();
            audit.record(actor, "open311.key.issued", "open311_key", String.valueOf(id), null, Map.of("name", name, "areaId", areaId));
            return new Issued(id, name, key, areaId);
        });
    }

    public Optional<Client> verify(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                select k.id, k.name, u.id uid, u.username, u.area_id from open311_key k join app_user u on u.id = k.user_id
                where k.key_hash = ? and not k.revoked and u.enabled""")
                .param(ProvisioningKeys.sha256(apiKey))
                .query((rs, i) -> new Client(rs.getLong(1), rs.getString(2),
                        new CurrentUser(rs.getLong("uid"), rs.getString("username"), Role.RESIDENT, rs.getLong("area_id"))))
                .optional();
    }
}
