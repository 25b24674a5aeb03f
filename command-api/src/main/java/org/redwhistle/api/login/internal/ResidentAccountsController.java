package org.redwhistle.api.login.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.TokenService;
import org.redwhistle.api.sms.SmsPurpose;
import org.redwhistle.api.sms.VerificationCodes;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Residents' own accounts (issue 18): a mainland mobile number confirmed by a one-time code
 * ({@link VerificationCodes}), a password, a name. The number is the user name; residents log in
 * with {@code POST /api/v1/auth/token} like everyone else. Asking for a code answers the same
 * whether the number has an account or not: the phone's owner gets a code, or a notice that the
 * number is already registered (sign-up) or not registered (reset), so only the owner learns
 * which.
 */
@RestController
@RequestMapping("/api/v1/auth")
public class ResidentAccountsController {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern CODE = Pattern.compile("\\d{6}");

    private final ResidentAccounts accounts;
    private final TokenService tokens;
    private final RefreshTokens refresh;
    private final Blocking blocking;
    private final Clock clock;

    public ResidentAccountsController(ResidentAccounts accounts, TokenService tokens, RefreshTokens refresh, Blocking blocking, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.refresh = refresh;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** Asks for a code: {@code purpose} SIGNUP or RESET. */
    public record CodeRequest(String phone, String purpose) {
    }

    /**
     * A message is on its way to {@code phone} (masked): a code good for {@code validForS} seconds,
     * or a notice; the next may be asked for after {@code resendAfterS} seconds.
     */
    public record CodeSent(String phone, long validForS, long resendAfterS) {
    }

    /** A new resident: the number, the code it received, a password (8 to 64 characters) and the name others see. */
    public record Signup(String phone, String code, String password, String displayName) {
    }

    /** A new password for the account of the number, confirmed by a RESET code. */
    public record PasswordReset(String phone, String code, String password) {
    }

    @Refuses(status = 429, when = "a message went to this number less than a minute ago, or it had 10 in 24 hours; Retry-After says when")
    @Refuses(status = 503, when = "the SMS provider could not send the message")
    @PostMapping("/sms-codes")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<CodeSent> sendCode(@RequestBody CodeRequest r) {
        String phone = phone(r.phone());
        SmsPurpose purpose = SmsPurpose.of(r.purpose()).orElseThrow(() -> ApiException.badField("purpose", "must be SIGNUP or RESET"));
        return blocking.call(() -> {
            VerificationCodes.Sent sent = accounts.sendCode(phone, purpose, clock.instant());
            return new CodeSent(mask(phone), sent.validFor().toSeconds(), sent.resendAfter().toSeconds());
        });
    }

    /** Creates the resident's account and logs them in (the same answer as a login). */
    @Refuses(status = 409, when = "the number was registered meanwhile; log in or reset the password")
    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<AuthController.TokenResponse> signup(@RequestBody Signup s) {
        String phone = phone(s.phone());
        String code = code(s.code());
        String password = password(s.password());
        String name = s.displayName() == null ? "" : s.displayName().strip();
        if (name.isEmpty() || name.length() > 32) {
            throw ApiException.badField("displayName", "is required, at most 32 characters");
        }
        return blocking.call(() -> AuthController.respond(accounts.signUp(phone, code, password, name, clock.instant()), tokens, refresh));
    }

    /** Sets a new password, ends the account's other sessions (their refresh tokens) and logs the resident in. */
    @PostMapping("/password-reset")
    public Mono<AuthController.TokenResponse> resetPassword(@RequestBody PasswordReset p) {
        String phone = phone(p.phone());
        String code = code(p.code());
        String password = password(p.password());
        return blocking.call(() -> AuthController.respond(accounts.resetPassword(phone, code, password, clock.instant()), tokens, refresh));
    }

    /** The number, spaces, dashes and a +86 prefix dropped; 400 naming {@code phone} unless a mainland mobile number. */
    static String phone(String raw) {
        String p = raw == null ? "" : raw.replaceAll("[\\s-]", "");
        if (p.startsWith("+86")) {
            p = p.substring(3);
        }
        if (!MOBILE.matcher(p).matches()) {
            throw ApiException.badField("phone", "must be a mainland mobile number: 11 digits starting with 13 to 19");
        }
        return p;
    }

    private static String code(String raw) {
        String c = raw == null ? "" : raw.strip();
        if (!CODE.matcher(c).matches()) {
            throw ApiException.badField("code", "must be the 6 digits of the text message");
        }
        return c;
    }

    private static String password(String raw) {
        if (raw == null || raw.length() < 8 || raw.length() > 64 || raw.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ApiException.badField("password", "must be 8 to 64 characters");
        }
        return raw;
    }

    private static String mask(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }
}
