package org.redwhistle.api.security;

import java.util.Collection;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated user as the token states it.
 *
 * @param areaId the user's area; null only for ADMIN, who sees everything
 */
public record CurrentUser(long id, String username, Role role, Long areaId) {

    public static CurrentUser of(Jwt jwt) {
        Number area = jwt.getClaim(TokenService.AREA_CLAIM);
        Number uid = jwt.getClaim(TokenService.UID_CLAIM);
        return new CurrentUser(uid.longValue(), jwt.getSubject(), Role.valueOf(jwt.getClaimAsString(TokenService.ROLE_CLAIM)),
                area == null ? null : area.longValue());
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** True when something located in {@code areaPath} (ancestor ids, any order) is inside this user's area. */
    public boolean covers(Collection<Long> areaPath) {
        return isAdmin() || (areaId != null && areaPath.contains(areaId));
    }

    public boolean hasAnyRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }
}
