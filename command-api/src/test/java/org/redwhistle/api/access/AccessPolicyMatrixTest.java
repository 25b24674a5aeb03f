package org.redwhistle.api.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.access.internal.RouteLines;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.security.Role;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;

/**
 * Every route the running application maps, called as every role and without a login, against
 * {@link AccessPolicy}: a role without the route's permission gets the policy's 403, a role with
 * it gets past the policy (the handler may still say 400, 404 or 409 about the request itself).
 * Likewise every STOMP destination × role. A route added without a policy line fails here and the
 * application does not start.
 */
class AccessPolicyMatrixTest extends IntegrationTest {

    /** One demo user per role. */
    static final Map<Role, String> USERS = new EnumMap<>(Map.ofEntries(Map.entry(Role.ADMIN, "admin"), Map.entry(Role.OPERATOR, "operator"),
            Map.entry(Role.LEADER, "leader"), Map.entry(Role.DEPARTMENT, "department"), Map.entry(Role.GRID_WORKER, "grid1"),
            Map.entry(Role.PATROL, "patrol1"), Map.entry(Role.POLICE, "police"), Map.entry(Role.POLICE_LEADER, "police-leader"), Map.entry(Role.INTEGRATOR, "integrator"),
            Map.entry(Role.RESIDENT, "resident"), Map.entry(Role.COMMITTEE, "committee"), Map.entry(Role.MEDIATOR, "mediator")));

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    @Autowired
    RouteLines routes;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void thePolicyHasALineForEveryRouteTheApplicationMapsAndNoOther() {
        assertThat(routes.problems()).isEmpty();
        assertThat(routes.mapped()).hasSize(AccessPolicy.routes().size());
    }

    @Test
    void everyRouteIsDecidedByThePolicyForEveryRole() {
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (RouteLines.MappedRoute r : routes.mapped()) {
            Permission p = AccessPolicy.route(r.method(), r.pattern()).orElseThrow().permission();
            String uri = concrete(r.pattern());
            // no login
            int anonymous = call(r.method(), uri, null).status();
            calls++;
            if (p.open() ? anonymous == 401 : anonymous != 401) {
                wrong.add("anonymous " + r.method() + " " + uri + " → " + anonymous + " (" + p.key() + (p.open() ? ", open)" : ")"));
            }
            for (Map.Entry<Role, String> u : USERS.entrySet()) {
                Answer a = call(r.method(), uri, token(u.getValue()));
                calls++;
                boolean allowed = p.open() || AccessPolicy.scope(u.getKey(), p).isPresent();
                if (allowed == a.deniedByPolicy() || a.status() == 401) {
                    wrong.add(u.getKey() + " " + r.method() + " " + uri + " → " + a.status() + " " + a.title() + " (" + p.key() + ": "
                            + (allowed ? "allowed" : "denied") + " by the policy)");
                }
            }
        }
        assertThat(wrong).as("routes answered against the policy, of %d calls", calls).isEmpty();
    }

    @Test
    void aRouteWithoutAPolicyLineIsReportedAndRefusedEvenToAnAdministrator() throws Exception {
        RequestMappingInfo unlisted = RequestMappingInfo.paths("/api/v1/unlisted-probe").methods(RequestMethod.GET).build();
        mapping.registerMapping(unlisted, new Probe(), Probe.class.getMethod("probe"));
        try {
            assertThat(routes.problems()).anyMatch(p -> p.startsWith("route GET /api/v1/unlisted-probe") && p.endsWith("has no line in AccessPolicy"));
            Answer a = call("GET", "/api/v1/unlisted-probe", token("admin"));
            assertThat(a.status()).isEqualTo(403);
            assertThat(a.detail()).contains("no line in the access policy");
            assertThat(call("GET", "/api/v1/unlisted-probe", null).status()).isEqualTo(401);
        } finally {
            mapping.unregisterMapping(unlisted);
        }
    }

    /** A controller method nobody wrote a policy line for. */
    public static class Probe {
        public String probe() {
            return "reached";
        }
    }

    @Test
    void everyStompDestinationIsDecidedByThePolicyForEveryRole() throws Exception {
        List<String> destinations = new ArrayList<>();
        for (var f : Destinations.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                destinations.add((String) f.get(null));
            }
        }
        assertThat(destinations).as("the application's destinations all have a policy line")
                .allMatch(d -> AccessPolicy.destination(d).isPresent()).hasSize(AccessPolicy.destinations().size());
        List<String> wrong = new ArrayList<>();
        for (String d : destinations) {
            Permission p = AccessPolicy.destination(d).orElseThrow();
            for (Map.Entry<Role, String> u : USERS.entrySet()) {
                boolean allowed = AccessPolicy.scope(u.getKey(), p).filter(s -> Destinations.serves(d, s)).isPresent();
                try (StompTestClient s = StompTestClient.open(port)) {
                    assertThat(s.connect(token(u.getValue())).command()).isEqualTo("CONNECTED");
                    StompTestClient.Frame f = s.subscribe("s", d);
                    boolean received = "RECEIPT".equals(f.command());
                    if (received != allowed || (!allowed && !"forbidden destination".equals(f.header("message")))) {
                        wrong.add(u.getKey() + " SUBSCRIBE " + d + " → " + f.command() + " " + f.header("message") + " (" + p.key() + ")");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    // ---- calling ----

    record Answer(int status, String title, String detail) {
        boolean deniedByPolicy() {
            return status == 403 && "Forbidden by the access policy".equals(title);
        }
    }

    private Answer call(String method, String uri, String token) {
        WebTestClient.RequestBodySpec spec = http().method(HttpMethod.valueOf(method)).uri(uri);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        // an empty object: every writing route refuses it for a missing field, so the matrix changes nothing
        WebTestClient.RequestHeadersSpec<?> ready = "GET".equals(method) || "DELETE".equals(method) ? spec
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        var result = ready.exchange().expectBody().returnResult();
        JsonNode body = problem(result.getResponseBody());
        return new Answer(result.getStatus().value(), body.path("title").asText(""), body.path("detail").asText(""));
    }

    private static JsonNode problem(byte[] body) {
        try {
            return body == null ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.createObjectNode();
        }
    }

    /** The pattern with values for its variables: ids nobody has, so a granted call is refused by the handler, not carried out. */
    static String concrete(String pattern) {
        Matcher m = VARIABLE.matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = switch (m.group(1)) {
                case "fmt" -> "json";
                case "year" -> "2999";
                case "code" -> "NO_SUCH_CODE";
                case "plate" -> "NO-SUCH";
                case "token" -> "no-such-token";
                case "memberId" -> "no-such-member";
                default -> pattern.startsWith("/api/v1/devices") ? "no-such-device" : "987654321";
            };
            m.appendReplacement(out, v);
        }
        m.appendTail(out);
        return out.toString();
    }
}
