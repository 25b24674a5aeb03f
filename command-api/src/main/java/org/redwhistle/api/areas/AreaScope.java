package org.redwhistle.api.areas;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.stereotype.Component;

/** Area scoping: a user acts only inside their own area (ADMIN everywhere). */
@Component
public class AreaScope {

    private final GridLocator grids;

    public AreaScope(GridLocator grids) {
        this.grids = grids;
    }

    /** True when {@code areaId} is the user's area or lies inside it. */
    public boolean isInside(CurrentUser user, long areaId) {
        return user.isAdmin() || chainIds(areaId).contains(user.areaId());
    }

    /** The ids of the area and all its ancestors. */
    public java.util.List<Long> chainIds(long areaId) {
        return grids.chainOf(areaId).stream().map(AreaRef::id).toList();
    }

    public void requireInside(CurrentUser user, long areaId) {
        if (!isInside(user, areaId)) {
            throw ApiException.forbidden("area " + areaId + " is outside your area");
        }
    }
}
