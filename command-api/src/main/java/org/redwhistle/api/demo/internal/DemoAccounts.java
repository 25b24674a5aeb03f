package org.redwhistle.api.demo.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo's accounts and the responders they are, created once and kept: an existing account keeps
 * its row as it is while its password is still the configured one (RW_DEMO_PASSWORD), so a restart
 * changes nothing; when the configured password changed, every demo account gets the new one. The
 * accounts created or re-passworded in one run share one hash (they share the password anyway),
 * and a hash is checked once, so a start costs one bcrypt per distinct hash, not one per account.
 */
@Component
class DemoAccounts {

    private final UserAccountRepository users;
    private final PasswordEncoder passwords;
    private final DemoProperties props;
    private final DemoSeeds seeds;
    private final Map<String, Boolean> checked = new HashMap<>();
    private String fresh;

    DemoAccounts(UserAccountRepository users, PasswordEncoder passwords, DemoProperties props, DemoSeeds seeds) {
        this.users = users;
        this.passwords = passwords;
        this.props = props;
        this.seeds = seeds;
    }

    /** A demo user with the demo password and, where the person is reached by phone, their (fictitious) number. */
    synchronized UserAccount user(String username, String name, Role role, Long areaId, String phone) {
        UserAccount u = users.findByUsername(username).orElse(null);
        if (u == null) {
            return users.save(withPhone(new UserAccount(username, name, hash(), role, areaId), phone));
        }
        boolean current = checked.computeIfAbsent(u.getPasswordHash(), h -> passwords.matches(props.password(), h));
        if (current && Objects.equals(phone, u.getPhone())) {
            return u;
        }
        if (!current) {
            u.setPasswordHash(hash());
        }
        return users.save(withPhone(u, phone));
    }

    /** A department's duty account belongs to its department. */
    void inDepartment(String username, long departmentId) {
        UserAccount u = users.findByUsername(username).orElseThrow();
        if (!Objects.equals(u.getDepartmentId(), departmentId)) {
            u.setDepartmentId(departmentId);
            users.save(u);
        }
    }

    /** A responder for a user, carrying a device or placed at {@code at} (null: not located yet); kept when it exists. */
    void member(String username, String role, String affiliation, long areaId, String deviceId, double[] at) {
        long userId = users.findByUsername(username).orElseThrow().getId();
        seeds.member(userId, role, affiliation, areaId, deviceId, at == null ? null : at[0], at == null ? null : at[1]);
    }

    private static UserAccount withPhone(UserAccount u, String phone) {
        u.setPhone(phone);
        return u;
    }

    private String hash() {
        if (fresh == null) {
            fresh = passwords.encode(props.password());
            checked.put(fresh, true);
        }
        return fresh;
    }
}
