package org.redwhistle.api.login.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.sms.SmsPurpose;
import org.redwhistle.api.sms.SmsSender;
import org.redwhistle.api.sms.VerificationCodes;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rules of residents' own accounts (issue 18), behind {@link ResidentAccountsController}: which
 * message a number gets, signing up with a SIGNUP code, resetting a resident's password with a RESET
 * code. Only residents' passwords are reset by text message; staff go through their administrator.
 * A wrong code is counted (its attempt committed) before the refusal is thrown.
 */
@Service
class ResidentAccounts {

    private final VerificationCodes codes;
    private final UserAccountRepository users;
    private final PasswordEncoder passwords;
    private final RefreshTokens refresh;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final AreaDirectory areas;

    ResidentAccounts(VerificationCodes codes, UserAccountRepository users, PasswordEncoder passwords, RefreshTokens refresh, TransactionTemplate tx,
            AuditLog audit, AreaDirectory areas) {
        this.codes = codes;
        this.users = users;
        this.passwords = passwords;
        this.refresh = refresh;
        this.tx = tx;
        this.audit = audit;
        this.areas = areas;
    }

    /** Sends the number its message: a code, or a notice that it is already (sign-up) or not (reset) a resident's. */
    VerificationCodes.Sent sendCode(String phone, SmsPurpose purpose, Instant now) {
        // only residents' passwords are reset by text message: staff accounts with the number are not "registered" here
        boolean registered = purpose == SmsPurpose.SIGNUP ? account(phone).isPresent() : residentAccount(phone).isPresent();
        SmsSender.Kind kind = purpose == SmsPurpose.SIGNUP ? (registered ? SmsSender.Kind.ALREADY_REGISTERED : SmsSender.Kind.CODE)
                : (registered ? SmsSender.Kind.CODE : SmsSender.Kind.NOT_REGISTERED);
        return codes.send(phone, purpose, kind, now);
    }

    private record Outcome(VerificationCodes.Redeemed redeemed, UserAccount account) {
    }

    /** The new resident's account; 400 naming {@code code} for a code that does not redeem, 409 when the number got an account meanwhile. */
    UserAccount signUp(String phone, String code, String password, String displayName, Instant now) {
        String hash = passwords.encode(password);
        Long area = residentsArea();
        Outcome o = tx.execute(t -> {
            VerificationCodes.Redeemed r = codes.redeem(phone, SmsPurpose.SIGNUP, code, now);
            if (!r.accepted()) {
                return new Outcome(r, null); // commits the wrong attempt
            }
            if (account(phone).isPresent()) {
                t.setRollbackOnly();
                return new Outcome(r, null);
            }
            UserAccount u = users.saveAndFlush(UserAccount.resident(phone, displayName, hash, area));
            audit.record(phone, "auth.signup", "user", String.valueOf(u.getId()), null, Map.of("role", Role.RESIDENT.name()));
            return new Outcome(r, u);
        });
        if (!o.redeemed().accepted()) {
            throw o.redeemed().refusal();
        }
        if (o.account() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "Already registered", "this number already has an account; log in or reset the password",
                    List.of(new ApiException.FieldError("phone", "already has an account")));
        }
        return o.account();
    }

    /** The resident's account with its new password, its other sessions (refresh tokens) ended; 400 naming {@code code} otherwise. */
    UserAccount resetPassword(String phone, String code, String password, Instant now) {
        String hash = passwords.encode(password);
        Outcome o = tx.execute(t -> {
            VerificationCodes.Redeemed r = codes.redeem(phone, SmsPurpose.RESET, code, now);
            if (!r.accepted()) {
                return new Outcome(r, null);
            }
            // a RESET code is only ever sent to a resident's number; the account may have been disabled since
            UserAccount u = residentAccount(phone).filter(UserAccount::isEnabled).orElse(null);
            if (u == null) {
                return new Outcome(new VerificationCodes.Redeemed(VerificationCodes.Outcome.NONE, 0), null);
            }
            u.setPasswordHash(hash);
            users.saveAndFlush(u);
            refresh.revokeAll(u.getId());
            audit.record(u.getUsername(), "auth.password-reset", "user", String.valueOf(u.getId()), null, Map.of("by", "sms-code"));
            return new Outcome(r, u);
        });
        if (!o.redeemed().accepted()) {
            throw o.redeemed().refusal();
        }
        return o.account();
    }

    /** The account of a number: signed up with it, or named by it. */
    private Optional<UserAccount> account(String phone) {
        return users.findByPhone(phone).or(() -> users.findByUsername(phone));
    }

    /** The resident's account of a number: staff reset their passwords through their administrator, never by a code. */
    private Optional<UserAccount> residentAccount(String phone) {
        return account(phone).filter(u -> u.getRole() == Role.RESIDENT);
    }

    /**
     * Where residents who sign up belong: the top of the area tree (where they live is not known;
     * their requests are theirs wherever they file them). Null before any area is imported.
     */
    private Long residentsArea() {
        return areas.all().values().stream().filter(a -> a.parentId() == null).map(AreaRef::id).sorted().findFirst().orElse(null);
    }
}
