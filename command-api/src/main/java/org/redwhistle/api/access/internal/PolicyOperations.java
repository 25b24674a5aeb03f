package org.redwhistle.api.access.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.errors.ProblemResponses;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.access.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Writes into every operation of the OpenAPI document who may call it, read from the one policy
 * ({@link AccessPolicy}) through the line of the operation's controller method: the permission,
 * each role holding it with its scope, the bearer requirement and the 401/403 the security chain
 * answers. Nothing about access is written twice: a new grant shows in the document by itself.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PolicyOperations implements OperationCustomizer, OpenApiCustomizer {

    /** The security scheme of the document: the access token of {@code POST /api/v1/auth/token}. */
    public static final String BEARER = "bearer";

    static {
        // the policy hands the controller its Caller: not a request parameter
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    private final RouteLines routes;
    private final ProblemResponses problems;

    public PolicyOperations(RouteLines routes, ProblemResponses problems) {
        this.routes = routes;
        this.problems = problems;
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Optional<Permission> line = routes.permissionOf(handler.getMethod());
        if (line.isEmpty()) {
            return operation; // not a route of the policy (springdoc's own)
        }
        Permission p = line.get();
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        operation.addExtension("x-permission", p.key());
        if (p.open()) {
            operation.setSecurity(List.of()); // no login
            operation.setDescription(join(operation.getDescription(), "**Access:** open, no login (`" + p.key() + "`: " + p.does() + ")."));
            return operation;
        }
        Map<String, String> roles = new LinkedHashMap<>();
        AccessPolicy.holders(p).forEach((role, scope) -> roles.put(role.name(), scope.name()));
        operation.addExtension("x-roles", roles);
        operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        operation.setDescription(join(operation.getDescription(), who(p)));
        responses.putIfAbsent("401", problems.response(HttpStatus.UNAUTHORIZED, "Authentication required",
                "send a valid bearer token (POST /api/v1/auth/token) in the Authorization header", List.of()));
        Role refused = java.util.Arrays.stream(Role.values()).filter(r -> AccessPolicy.scope(r, p).isEmpty()).findFirst().orElse(null);
        String why = refused == null ? "your role does not allow this"
                : "your role (" + refused.label() + ", " + refused + ") may not " + p.does() + " (" + p.key() + ")";
        responses.putIfAbsent("403", problems.response(HttpStatus.FORBIDDEN, "Forbidden by the access policy", why, List.of()));
        return operation;
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(new Components());
        }
        api.getComponents().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .bearerFormat("JWT").description("the access token of POST /api/v1/auth/token"));
    }

    /** The permission and, per role holding it, how far it reaches, as a Markdown table. */
    static String who(Permission p) {
        String rows = AccessPolicy.holders(p).entrySet().stream()
                .map(e -> "| `" + e.getKey() + "` " + e.getKey().label() + " | " + reach(p, e.getValue()) + " |")
                .collect(Collectors.joining("\n"));
        return "**Permission** `" + p.key() + "` (" + p.label() + "): " + p.does() + ".\n\n| role | scope |\n|---|---|\n" + rows;
    }

    private static String reach(Permission p, Scope s) {
        return s == Scope.OWN && p.own() != null ? s.english() + ": " + p.own() : s.english();
    }

    private static String join(String before, String added) {
        return before == null || before.isBlank() ? added : before + "\n\n" + added;
    }
}
