package org.redwhistle.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;

/**
 * The REST contract: the OpenAPI 3.1 document served at /v3/api-docs names, for every route of the
 * access policy, the permission and the roles holding it with their scope, and the problem
 * responses; the dashboard's TypeScript types (dashboard-web/src/generated/api.d.ts) are what
 * openapi-typescript makes of exactly this document. When they disagree, this fails and says the one
 * command that regenerates them.
 */
class OpenApiContractTest extends IntegrationTest {

    static final String REGENERATE = "scripts/openapi-types.sh";
    private static final Path WEB = Path.of("..", "dashboard-web").toAbsolutePath().normalize();

    private JsonNode served() {
        byte[] body = http().get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void everyRouteOfThePolicyIsDocumentedWithItsRolesAndProblems() {
        JsonNode doc = served();
        assertThat(doc.path("openapi").asText()).startsWith("3.1.");
        JsonNode paths = doc.path("paths");
        for (AccessPolicy.Route route : AccessPolicy.routes()) {
            if (route.pattern().startsWith("/v3/api-docs") || route.pattern().equals("/swagger-ui.html")) {
                continue; // the contract's own routes are not part of it
            }
            JsonNode op = paths.path(route.pattern()).path(route.method().toLowerCase());
            assertThat(op.isObject()).as("%s is in the document", route.key()).isTrue();
            assertThat(op.path("x-permission").asText()).as("permission of %s", route.key()).isEqualTo(route.permission().key());
            JsonNode responses = op.path("responses");
            if (route.permission().open()) {
                assertThat(op.path("security").isArray() && op.path("security").isEmpty()).as("%s needs no login", route.key()).isTrue();
                continue;
            }
            Map<String, String> roles = new LinkedHashMap<>();
            AccessPolicy.holders(route.permission()).forEach((role, scope) -> roles.put(role.name(), scope.name()));
            Map<String, String> documented = new LinkedHashMap<>();
            op.path("x-roles").properties().forEach(e -> documented.put(e.getKey(), e.getValue().asText()));
            assertThat(documented).as("roles of %s", route.key()).isEqualTo(roles);
            roles.keySet().forEach(role -> assertThat(op.path("description").asText()).contains("`" + role + "`"));
            assertThat(op.path("security").path(0).has("bearer")).as("%s needs the bearer token", route.key()).isTrue();
            for (String status : List.of("401", "403")) {
                assertProblem(responses.path(status), route.key() + " " + status);
            }
            if (route.pattern().contains("{")) {
                assertProblem(responses.path("404"), route.key() + " 404");
            }
        }
        assertThat(doc.path("components").path("schemas").path("Problem").path("properties").path("errors").path("type").asText())
                .isEqualTo("array");
    }

    private static void assertProblem(JsonNode response, String what) {
        JsonNode media = response.path("content").path("application/problem+json");
        assertThat(media.path("schema").path("$ref").asText()).as(what).isEqualTo("#/components/schemas/Problem");
        assertThat(media.path("example").path("status").asInt()).as(what + " example").isEqualTo(Integer.parseInt(what.substring(what.length() - 3)));
        assertThat(media.path("example").path("errors").isArray()).as(what + " example's errors[]").isTrue();
    }

    @Test
    void aRefusalDeclaredOnAControllerIsAProblemWithItsExample() {
        JsonNode responses = served().path("paths").path("/api/v1/alarms/{id}/acknowledge").path("post").path("responses");
        JsonNode conflict = responses.path("409");
        assertProblem(conflict, "409");
        assertThat(responses.path("200").path("content").path("application/json").path("schema").path("$ref").asText())
                .as("the answer beside the refusals").isEqualTo("#/components/schemas/AlarmView");
        assertThat(conflict.path("content").path("application/problem+json").path("example").path("detail").asText()).isNotBlank();
    }

    /** The committed types are openapi-typescript's rendering of the served document, byte for byte. */
    @Test
    void theDashboardsGeneratedTypesAreTheServedDocument() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path document = target.resolve("openapi.json");
        Path types = target.resolve("api.d.ts");
        Files.createDirectories(target);
        Files.writeString(document, JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(served()) + "\n",
                StandardCharsets.UTF_8);
        Path log = target.resolve("openapi-typescript.log");
        Process p = new ProcessBuilder("node", "node_modules/openapi-typescript/bin/cli.js", document.toString(), "--output", types.toString())
                .directory(WEB.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("openapi-typescript finished").isTrue();
        assertThat(p.exitValue()).as("openapi-typescript on the served document:\n" + Files.readString(log)).isZero();

        String hint = "the served OpenAPI document and the dashboard's generated types disagree (a controller's routes or payloads "
                + "changed). Regenerate both with\n    " + REGENERATE + "\nthen check the dashboard still builds (cd dashboard-web && npm run build)"
                + " and commit dashboard-web/openapi.json and dashboard-web/src/generated/api.d.ts. Served document: " + document;
        JsonNode committed = JSON.readTree(Files.readString(WEB.resolve("openapi.json")));
        assertThat(committed.equals(JSON.readTree(Files.readString(document)))).as("dashboard-web/openapi.json: " + hint).isTrue();
        assertThat(Files.readString(WEB.resolve("src/generated/api.d.ts")).equals(Files.readString(types)))
                .as("dashboard-web/src/generated/api.d.ts: " + hint).isTrue();
    }

    /** The UI in a real Chromium under the server's CSP (dashboard-web/e2e/swagger-ui.e2e.mjs); a screenshot lands in target/screenshots. */
    @Test
    void swaggerUiRendersInChromium() throws Exception {
        Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
        Path log = Path.of("target", "reports", "swagger-ui-e2e.log").toAbsolutePath();
        Files.createDirectories(screenshots);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec", "e2e/swagger-ui.e2e.mjs")
                .directory(WEB.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("RW_E2E_BASE_URL", "http://127.0.0.1:" + port);
        pb.environment().put("RW_E2E_SCREENSHOTS", screenshots.toString());
        pb.environment().put("RW_E2E_CHROMIUM", System.getenv().getOrDefault("RW_TEST_CHROMIUM", "/usr/bin/chromium"));
        pb.environment().put("RW_E2E_OPERATIONS", String.valueOf(AccessPolicy.routes().size() - 4));
        Process p = pb.start();
        boolean finished = p.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("the browser test finished in time:\n" + output).isTrue();
        assertThat(p.exitValue()).as("the Swagger UI browser test:\n" + output).isZero();
        assertThat(screenshots.resolve("swagger-ui.png")).exists();
    }

    @Test
    void swaggerUiIsServedWithoutLogin() {
        http().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection().expectHeader()
                .valueMatches("Location", ".*/swagger-ui/index.html");
        http().get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("script-src 'self';", "style-src 'self' 'unsafe-inline';"))
                .expectBody(String.class).value(html -> assertThat(html).contains("swagger-ui"));
        // the dashboard keeps the strict policy
        http().get().uri("/").exchange().expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("style-src 'self';"));
        http().get().uri("/v3/api-docs/swagger-config").exchange().expectStatus().isOk().expectBody(String.class)
                .value(config -> assertThat(config).contains("/v3/api-docs"));
    }
}
