package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Access tokens expire; refresh tokens renew them, each once; a reused refresh token revokes them all. */
class AuthRefreshTest extends IntegrationTest {

    private JsonNode call(String path, Object body, int status) {
        var r = http().post().uri(path).bodyValue(body).exchange().expectStatus().isEqualTo(status).expectBody().returnResult();
        return JSON.readTree(r.getResponseBody());
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheFamily() {
        JsonNode login = call("/api/v1/auth/token", Map.of("username", "operator", "password", SERVICES.demoPassword()), 200);
        String first = login.path("refreshToken").asText();
        assertThat(first).hasSizeGreaterThan(30);
        assertThat(login.path("refreshExpiresAt").asText()).isNotBlank();

        JsonNode renewed = call("/api/v1/auth/refresh", Map.of("refreshToken", first), 200);
        String second = renewed.path("refreshToken").asText();
        assertThat(second).isNotEqualTo(first);
        http().get().uri("/api/v1/alarms").header("Authorization", "Bearer " + renewed.path("accessToken").asText()).exchange().expectStatus().isOk();

        // the first token again: it leaked, so every refresh token of the user goes
        assertThat(call("/api/v1/auth/refresh", Map.of("refreshToken", first), 401).path("title").asText()).isEqualTo("Refresh failed");
        call("/api/v1/auth/refresh", Map.of("refreshToken", second), 401);

        JsonNode again = call("/api/v1/auth/token", Map.of("username", "operator", "password", SERVICES.demoPassword()), 200);
        call("/api/v1/auth/logout", Map.of("refreshToken", again.path("refreshToken").asText()), 200);
        call("/api/v1/auth/refresh", Map.of("refreshToken", again.path("refreshToken").asText()), 401);
        call("/api/v1/auth/refresh", Map.of("refreshToken", "made-up"), 401);
        call("/api/v1/auth/refresh", Map.of(), 400);
    }
}
