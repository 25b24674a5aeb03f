package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.web.reactive.function.BodyInserters;

import tools.jackson.databind.JsonNode;

/**
 * Issue 16, findings 9 and 11: a client's mistake is a 4xx problem document naming the field,
 * never a 500; problem documents carry neither the server's class names nor what the client sent
 * in its headers; every answer carries a Content-Security-Policy and a Permissions-Policy.
 */
class ClientMistakesTest extends IntegrationTest {

    /** The path as it is, percent-escapes included (a URI template would escape the '%' again). */
    private java.net.URI uri(String path) {
        return java.net.URI.create("http://127.0.0.1:" + port + path);
    }

    private EntityExchangeResult<byte[]> get(String path, String user) {
        org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> spec = http().get().uri(uri(path));
        if (user != null) {
            spec = spec.header("Authorization", "Bearer " + token(user));
        }
        return spec.exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> postJson(String path, String user, String json) {
        org.springframework.test.web.reactive.server.WebTestClient.RequestBodySpec spec = http().post().uri(uri(path))
                .contentType(MediaType.APPLICATION_JSON);
        if (user != null) {
            spec = spec.header("Authorization", "Bearer " + token(user));
        }
        return spec.bodyValue(json).exchange().expectBody().returnResult();
    }

    private static JsonNode problem(EntityExchangeResult<byte[]> r, int status) {
        assertThat(r.getStatus().value()).as("%s", new String(r.getResponseBodyContent() == null ? new byte[0] : r.getResponseBodyContent(),
                StandardCharsets.UTF_8)).isEqualTo(status);
        return JSON.readTree(r.getResponseBody());
    }

    private static String field(JsonNode p) {
        return p.path("errors").get(0).path("field").asText();
    }

    @Test
    void aNulCharacterIsRefusedWhereItEntersNamingTheField() {
        JsonNode login = problem(postJson("/api/v1/auth/token", null, "{\"username\":\"opera\\u0000tor\",\"password\":\"x\"}"), 400);
        assertThat(field(login)).isEqualTo("username");
        assertThat(login.path("detail").asText()).contains("NUL");

        JsonNode caseBody = problem(postJson("/api/v1/cases", "resident",
                "{\"category\":\"ENV\",\"description\":\"路灯\\u0000坏了\",\"lon\":119.124,\"lat\":36.703}"), 400);
        assertThat(field(caseBody)).isEqualTo("description");
        JsonNode photos = problem(postJson("/api/v1/cases", "resident",
                "{\"category\":\"ENV\",\"description\":\"路灯坏了\",\"photos\":[\"http://a\",\"http://b\\u0000\"],\"lon\":119.124,\"lat\":36.703}"), 400);
        assertThat(field(photos)).isEqualTo("photos[1]");

        JsonNode query = problem(get("/api/v1/dead-letters?deviceId=wall%0001", "operator"), 400);
        assertThat(field(query)).isEqualTo("deviceId");
        JsonNode path = problem(get("/api/v1/devices/wall%00-01", "operator"), 400);
        assertThat(field(path)).isEqualTo("path");

        var form = http().post().uri("/open311/v2/requests.json").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("api_key", "whatever").with("service_code", "ENV").with("lat", "36.703")
                        .with("long", "119.124").with("description", "路灯\u0000坏了"))
                .exchange().expectBody().returnResult();
        assertThat(form.getStatus().value()).isEqualTo(400);
        assertThat(new String(form.getResponseBody(), StandardCharsets.UTF_8)).contains("description").contains("NUL");
    }

    @Test
    void timesOutsideWhatAPersonCouldMeanAndNonNumbersAreRefusedNamingTheField() {
        assertThat(field(problem(get("/api/v1/alarms?since=-999999999-01-01T00:00:00Z", "operator"), 400))).isEqualTo("since");
        assertThat(field(problem(get("/api/v1/supervision?since=-999999999-01-01T00:00:00Z", "operator"), 400))).isEqualTo("since");
        assertThat(field(problem(get("/api/v1/dead-letters?since=+999999999-12-31T23:59:59Z", "operator"), 400))).isEqualTo("since");
        assertThat(field(problem(get("/api/v1/tracks/patrol1?from=-999999999-01-01T00:00:00Z", "operator"), 400))).isEqualTo("from");
        assertThat(field(problem(get("/api/v1/calendar/deadline?from=-999999999-01-01T00:00:00Z&workingDays=3", "operator"), 400)))
                .isEqualTo("from");
        assertThat(field(problem(get("/api/v1/alarms?bbox=NaN,NaN,NaN,NaN", "operator"), 400))).isEqualTo("bbox");
        assertThat(field(problem(get("/api/v1/devices?bbox=-Infinity,0,Infinity,1", "operator"), 400))).isEqualTo("bbox");
    }

    @Test
    void problemDocumentsNameTheFieldInWordsWithoutTheServersClassNames() {
        List<EntityExchangeResult<byte[]>> answers = List.of(
                get("/api/v1/alarms/not-a-number", "operator"),
                postJson("/api/v1/members/me/position", "patrol1", "{\"lon\":\"east\",\"lat\":36.7}"),
                postJson("/api/v1/cases", "resident", "{\"category\": [1,2], \"description\":\"x\"}"),
                postJson("/api/v1/cases", "resident", "{\"category\": "),
                postJson("/api/v1/auth/token", null, "[]"),
                http().post().uri("/api/v1/auth/token").contentType(MediaType.TEXT_PLAIN).bodyValue("operator").exchange().expectBody().returnResult());
        for (var a : answers) {
            String body = new String(a.getResponseBody(), StandardCharsets.UTF_8);
            assertThat(a.getStatus().value()).as(body).isIn(400, 415);
            assertThat(body).as("no class names").doesNotContain("java.", "tools.jackson", "org.springframework", "`");
        }
        JsonNode typed = problem(answers.get(1), 400);
        assertThat(field(typed)).isEqualTo("lon");
        assertThat(typed.path("errors").get(0).path("message").asText()).isEqualTo("has the wrong type: must be a number");
        assertThat(field(problem(answers.get(0), 400))).isEqualTo("id");
        assertThat(field(problem(answers.get(3), 400))).isEqualTo("body");
    }

    @Test
    void problemDocumentsDoNotEchoTheHostHeader() {
        String host = "attacker.example";
        for (String path : List.of("/api/v1/alarms", "/api/v1/nowhere", "/api/v1/alarms/1/nothing", "/open311/v2/discovery.json",
                "/open311/v2/requests.json")) {
            var r = http().get().uri(path).header(HttpHeaders.HOST, host).exchange().expectBody().returnResult();
            assertThat(new String(r.getResponseBody() == null ? new byte[0] : r.getResponseBody(), StandardCharsets.UTF_8))
                    .as("%s answered %s", path, r.getStatus()).doesNotContain(host);
        }
    }

    @Test
    void everyAnswerCarriesAContentSecurityPolicyAndAPermissionsPolicy() {
        for (String path : List.of("/", "/patrol.html", "/api/v1/alarms", "/api/v1/auth/token")) {
            var h = http().get().uri(path).exchange().expectBody().returnResult().getResponseHeaders();
            assertThat(h.getFirst("Content-Security-Policy")).as(path).contains("default-src 'self'", "script-src 'self'",
                    "frame-ancestors 'none'", "object-src 'none'", "worker-src 'self' blob:", "media-src 'self' blob:");
            assertThat(h.getFirst("Permissions-Policy")).as(path).contains("geolocation=(self)", "microphone=()");
        }
        // this run's GCJ-02 tiles come from 127.0.0.1:9 (IntegrationTest): the one tile host the pages may reach
        assertThat(http().get().uri("/").exchange().expectBody().returnResult().getResponseHeaders().getFirst("Content-Security-Policy"))
                .contains("connect-src 'self' http://127.0.0.1:9");
    }
}
