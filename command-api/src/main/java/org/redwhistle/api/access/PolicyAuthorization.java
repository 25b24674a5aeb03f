package org.redwhistle.api.access;

import java.util.Optional;

import org.redwhistle.api.access.internal.RouteLines;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Spring Security's decision for every API route, taken from {@link AccessPolicy}: the route is
 * resolved to its controller method exactly as the dispatcher will resolve it, the method's policy
 * line names the permission, and the user's role must hold it. Open permissions need no login.
 * A controller method without a line is refused (default deny). What was granted is handed to the
 * controller as a {@link Caller}; why something was refused, to the access-denied handler.
 */
@Component
public class PolicyAuthorization implements ReactiveAuthorizationManager<AuthorizationContext> {

    /** Exchange attribute: the {@link Caller} of an allowed call. */
    public static final String CALLER = PolicyAuthorization.class.getName() + ".caller";
    /** Exchange attribute: why a signed-in user was refused. */
    public static final String DENIAL = PolicyAuthorization.class.getName() + ".denial";

    private static final Mono<AuthorizationResult> GRANTED = Mono.just(new AuthorizationDecision(true));
    private static final Mono<AuthorizationResult> DENIED = Mono.just(new AuthorizationDecision(false));

    private final RouteLines routes;

    public PolicyAuthorization(RouteLines routes) {
        this.routes = routes;
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerWebExchange exchange = context.getExchange();
        return routes.handlerOf(exchange)
                .flatMap(handler -> decide(authentication, exchange, handler))
                // no controller method answers this request: nothing can run, so the dispatcher may say 404/405/415
                // to a signed-in user; an anonymous one learns nothing but 401
                .switchIfEmpty(Mono.defer(() -> authentication.map(a -> (AuthorizationResult) new AuthorizationDecision(a.isAuthenticated()))
                        .defaultIfEmpty(new AuthorizationDecision(false))));
    }

    private Mono<AuthorizationResult> decide(Mono<Authentication> authentication, ServerWebExchange exchange, Object handler) {
        Optional<Permission> line = handler instanceof HandlerMethod hm ? routes.permissionOf(hm.getMethod()) : Optional.empty();
        if (line.isPresent() && line.get().open()) {
            return GRANTED;
        }
        return authentication.filter(Authentication::isAuthenticated).flatMap(a -> {
            if (line.isEmpty()) {
                exchange.getAttributes().put(DENIAL, "this route has no line in the access policy (default deny)");
                return DENIED;
            }
            if (!(a.getPrincipal() instanceof Jwt jwt)) {
                return DENIED;
            }
            CurrentUser user;
            try {
                user = CurrentUser.of(jwt);
            } catch (RuntimeException e) {
                exchange.getAttributes().put(DENIAL, "the token names no known role");
                return DENIED;
            }
            Permission p = line.get();
            Optional<Scope> scope = AccessPolicy.scope(user.role(), p);
            if (scope.isEmpty()) {
                exchange.getAttributes().put(DENIAL, "your role (" + user.role().label() + ", " + user.role() + ") may not " + p.does()
                        + " (" + p.key() + ")");
                return DENIED;
            }
            exchange.getAttributes().put(CALLER, new Caller(user, p, scope.get()));
            return GRANTED;
        }).switchIfEmpty(DENIED);
    }
}
