package org.redwhistle.api.access;

import java.util.Optional;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;

/**
 * Who calls a route and what the policy granted them for it: the permission the route needs and its
 * scope for the user's role. A controller method declares a {@code Caller} parameter; it exists only
 * after {@link AccessPolicy} allowed the call. Handlers apply the scope: {@link Scope#OWN} is
 * narrower than {@link Scope#AREA}, which is narrower than {@link Scope#ALL}.
 */
public record Caller(CurrentUser user, Permission permission, Scope scope) {

    /** True when the scope is exactly {@code s}. */
    public boolean is(Scope s) {
        return scope == s;
    }

    /** The scope this user holds for another permission (a second check inside one route, e.g. re-enabling a device). */
    public Optional<Scope> scopeFor(Permission other) {
        return AccessPolicy.scope(user.role(), other);
    }

    /** Refuses unless the user also holds {@code other}. */
    public Scope require(Permission other) {
        return scopeFor(other).orElseThrow(() -> ApiException.forbidden("your role (" + user.role().label() + ") may not "
                + other.does() + " (" + other.key() + ")"));
    }

    /** A handler reached with a scope it does not serve: a policy line the code does not implement. Fails closed. */
    public ApiException unsupportedScope() {
        return ApiException.forbidden(permission.key() + " is not served for scope " + scope);
    }
}
