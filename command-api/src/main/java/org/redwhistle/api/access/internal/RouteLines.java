package org.redwhistle.api.access.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;

import reactor.core.publisher.Mono;

/**
 * The application's controller routes joined with their policy lines. At start every route must
 * have exactly one line and every line a route, or the application refuses to start: a route added
 * without deciding who may call it never serves a request.
 */
@Component
public class RouteLines {

    /** The paths SecurityConfig hands to the policy; a controller route elsewhere would not be decided by it. */
    public static final List<String> ENFORCED = List.of("/api/", "/open311/", "/asyncapi.json", "/v3/api-docs",
            "/swagger-ui.html");

    private final RequestMappingHandlerMapping mapping;
    private volatile Map<Method, Permission> byMethod = Map.of();

    public RouteLines(@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping) {
        this.mapping = mapping;
    }

    /** A route as the application maps it. */
    public record MappedRoute(String method, String pattern, HandlerMethod handler) {
    }

    /** Every (HTTP method, pattern) the controllers answer. */
    public List<MappedRoute> mapped() {
        List<MappedRoute> out = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            Set<String> methods = new HashSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("*"); // any method: must not exist, the check below reports it
            }
            for (PathPattern p : info.getPatternsCondition().getPatterns()) {
                for (String m : methods) {
                    out.add(new MappedRoute(m, p.getPatternString(), e.getValue()));
                }
            }
        }
        return out;
    }

    /** Routes without a line, lines without a route, and methods whose routes disagree; empty when the policy covers the application. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Map<Method, Permission> methods = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (MappedRoute r : mapped()) {
            seen.add(r.method() + " " + r.pattern());
            Optional<AccessPolicy.Route> line = AccessPolicy.route(r.method(), r.pattern());
            if (line.isEmpty()) {
                problems.add("route " + r.method() + " " + r.pattern() + " (" + r.handler().getShortLogMessage() + ") has no line in AccessPolicy");
                continue;
            }
            Permission before = methods.put(r.handler().getMethod(), line.get().permission());
            if (before != null && before != line.get().permission()) {
                problems.add(r.handler().getShortLogMessage() + " is mapped to routes needing different permissions");
            }
        }
        for (MappedRoute r : mapped()) {
            if (!ENFORCED.stream().anyMatch(prefix -> r.pattern().startsWith(prefix))) {
                problems.add("route " + r.method() + " " + r.pattern() + " lies outside the paths the security chain decides by the policy " + ENFORCED);
            }
        }
        for (AccessPolicy.Route line : AccessPolicy.routes()) {
            if (!seen.contains(line.key())) {
                problems.add("AccessPolicy has a line for " + line.key() + ", which no controller maps");
            }
        }
        return problems;
    }

    @EventListener(ContextRefreshedEvent.class)
    void check() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the access policy does not cover the application's routes:\n  " + String.join("\n  ", problems));
        }
        Map<Method, Permission> methods = new HashMap<>();
        for (MappedRoute r : mapped()) {
            methods.put(r.handler().getMethod(), AccessPolicy.route(r.method(), r.pattern()).orElseThrow().permission());
        }
        byMethod = Map.copyOf(methods);
    }

    /** The controller method that will answer the request; empty when none does (404, 405, 415…). */
    public Mono<Object> handlerOf(ServerWebExchange exchange) {
        return mapping.getHandler(exchange).onErrorResume(e -> Mono.empty());
    }

    public Optional<Permission> permissionOf(Method method) {
        return Optional.ofNullable(byMethod.get(method));
    }
}
