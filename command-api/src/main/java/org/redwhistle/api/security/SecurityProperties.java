package org.redwhistle.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings.
 *
 * @param jwtSecret   HMAC-SHA256 key, at least 32 bytes; from the environment (RW_JWT_SECRET), never the repository
 * @param tokenTtl    lifetime of an access token
 * @param issuer      the {@code iss} claim
 * @param refreshTtl  lifetime of a refresh token (a login renewed without the password)
 */
@ConfigurationProperties("redwhistle.security")
public record SecurityProperties(
        String jwtSecret,
        @DefaultValue("8h") Duration tokenTtl,
        @DefaultValue("red-whistle") String issuer,
        @DefaultValue("14d") Duration refreshTtl) {

    public SecurityProperties {
        if (jwtSecret == null || jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new IllegalStateException(
                    "redwhistle.security.jwt-secret (RW_JWT_SECRET) must be set to at least 32 bytes; scripts/run.sh generates one");
        }
    }
}
