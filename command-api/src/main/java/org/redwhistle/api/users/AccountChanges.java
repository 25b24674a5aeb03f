package org.redwhistle.api.users;

import java.security.SecureRandom;
import java.util.Optional;

import org.redwhistle.api.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Accounts made or changed by a feature on someone's behalf, in the caller's transaction (which audits it):
 * a new account with a one-time initial password, and an account's role changed (a resident vetted into
 * the 平安联盟 becomes a patrol member, so the same phone login opens the patrol page). The role in a token
 * already issued stays until the next login or refresh, which read the account afresh.
 */
@Component
public class AccountChanges {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private final UserAccountRepository users;
    private final PasswordEncoder passwords;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    public AccountChanges(UserAccountRepository users, PasswordEncoder passwords, JdbcClient jdbc) {
        this.users = users;
        this.passwords = passwords;
        this.jdbc = jdbc;
    }

    /** A new account and its initial password, in clear: to be given to the person once and never stored. */
    public record Created(long userId, String username, String initialPassword) {
    }

    /** Creates an account named {@code username} with a random 10-character initial password. */
    public Created create(String username, String displayName, String phone, Role role, Long areaId) {
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            pw.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        UserAccount u = new UserAccount(username, displayName, passwords.encode(pw), role, areaId);
        u.setPhone(phone);
        u = users.saveAndFlush(u);
        return new Created(u.getId(), username, pw.toString());
    }

    /** Sets the account's role; returns the role it had (empty when the account does not exist). */
    public Optional<Role> changeRole(long userId, Role role) {
        return jdbc.sql("update app_user u set role = ? from app_user old where u.id = ? and old.id = u.id returning old.role")
                .params(role.name(), userId).query(String.class).optional().map(Role::valueOf);
    }

    public Optional<UserAccount> byUsername(String username) {
        return users.findByUsername(username);
    }

    public Optional<UserAccount> byId(long id) {
        return users.findById(id);
    }
}
