package org.redwhistle.api.login.internal;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.security.TokenService;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** Username and password in, a bearer token out. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final UserAccountRepository users;
    private final PasswordEncoder passwords;
    private final TokenService tokens;
    private final Blocking blocking;
    private final RefreshTokens refresh;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final ClientAddress clientAddress;
    /** Checked when the name is unknown or disabled, so that a login costs the same whether the user exists or not. */
    private final String decoyHash;

    public AuthController(UserAccountRepository users, PasswordEncoder passwords, TokenService tokens, Blocking blocking,
            RefreshTokens refresh, LoginThrottle throttle, AuditLog audit, ClientAddress clientAddress) {
        this.refresh = refresh;
        this.clientAddress = clientAddress;
        this.throttle = throttle;
        this.audit = audit;
        this.decoyHash = passwords.encode(java.util.UUID.randomUUID().toString());
        this.users = users;
        this.passwords = passwords;
        this.tokens = tokens;
        this.blocking = blocking;
    }

    /** Login request. */
    public record Credentials(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    /** The token and who it is for. */
    public record TokenResponse(String accessToken, String tokenType, Instant expiresAt, String username,
            String displayName, Role role, Long areaId, String refreshToken, Instant refreshExpiresAt) {
    }

    /** A refresh (or logout) request. */
    public record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    private TokenResponse respond(UserAccount u) {
        return respond(u, tokens, refresh);
    }

    /** The answer of a login: an access token and a refresh token for the account. */
    static TokenResponse respond(UserAccount u, TokenService tokens, RefreshTokens refresh) {
        TokenService.IssuedToken t = tokens.issue(u.asCurrentUser(), u.getDisplayName());
        RefreshTokens.Issued r = refresh.issue(u.getId());
        return new TokenResponse(t.accessToken(), "Bearer", t.expiresAt(), u.getUsername(), u.getDisplayName(), u.getRole(), u.getAreaId(),
                r.token(), r.expiresAt());
    }

    /** A new access token (and a new refresh token: each is good once) for a valid refresh token. */
    @Refuses(status = 401, when = "the refresh token is unknown, used or expired, or its user is disabled")
    @PostMapping("/refresh")
    public Mono<TokenResponse> refresh(@Valid @RequestBody Refresh r) {
        return blocking.call(() -> {
            long userId = refresh.redeem(r.refreshToken()).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Refresh failed",
                    "the refresh token is unknown, used, revoked or expired; log in again", List.of()));
            UserAccount u = users.findById(userId).filter(UserAccount::isEnabled).orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED,
                    "Refresh failed", "the account is disabled", List.of()));
            return respond(u);
        });
    }

    /** Revokes a refresh token (the access token simply expires). */
    @PostMapping("/logout")
    public Mono<Revoked> logout(@Valid @RequestBody Refresh r) {
        return blocking.call(() -> {
            refresh.revoke(r.refreshToken());
            return new Revoked(true);
        });
    }

    /** The refresh token no longer renews anything. */
    public record Revoked(boolean revoked) {
    }

    /**
     * Username and password in, tokens out. Throttled per user name and per client address (429 with
     * Retry-After, the back-off doubling with each further failure); an unknown name costs the same
     * password check as a known one; every failure is audited.
     */
    @Refuses(status = 401, when = "unknown user or wrong password")
    @Refuses(status = 429, when = "too many failed logins for this user name or from this address; try again after Retry-After seconds")
    @PostMapping("/token")
    public Mono<TokenResponse> token(@Valid @RequestBody Credentials c, ServerHttpRequest request) {
        String address = clientAddress.of(request);
        return blocking.call(() -> {
            Instant now = Instant.now();
            LoginThrottle.Attempt attempt = throttle.attempt(c.username(), address, now);
            attempt.refusedFor().ifPresent(wait -> {
                throw ApiException.tooManyRequests("too many failed logins for this user name or from this address; try again in "
                        + Math.max(1, wait.toSeconds()) + " s", wait);
            });
            java.util.Optional<UserAccount> account = users.findByUsername(c.username()).filter(UserAccount::isEnabled);
            boolean matches = passwords.matches(c.password(), account.map(UserAccount::getPasswordHash).orElse(decoyHash));
            if (account.isEmpty() || !matches) {
                boolean blocks = !attempt.blocks().isZero();
                audit.record("anonymous", blocks ? "auth.login.blocked" : "auth.login.failed", "user", c.username(),
                        account.isEmpty() ? "unknown or disabled user" : "wrong password",
                        blocks ? java.util.Map.<String, Object>of("address", address, "blockedS", attempt.blocks().toSeconds())
                                : java.util.Map.of("address", address));
                throw new ApiException(HttpStatus.UNAUTHORIZED, "Login failed", "unknown user or wrong password", List.of());
            }
            throttle.succeeded(c.username(), address);
            return respond(account.get());
        });
    }
}
