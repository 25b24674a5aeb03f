package org.redwhistle.api.compact.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.stereotype.Component;

/**
 * How far a caller reaches in the compact: which village is theirs (a grid worker's grid lies in one),
 * which households they may see (AREA: the households placed in their area — a committee its village,
 * a grid worker the households of their grid; OWN: the resident's own household; ALL: every one).
 */
@Component
public class CompactAccess {

    private final AreaScope areas;
    private final GridLocator grids;
    private final Registry registry;

    public CompactAccess(AreaScope areas, GridLocator grids, Registry registry) {
        this.areas = areas;
        this.grids = grids;
        this.registry = registry;
    }

    /** The village (COMMUNITY level) asked for, or the caller's own: their area or the village their grid lies in. */
    public long village(CurrentUser user, Long areaId) {
        if (areaId != null) {
            return areaId;
        }
        if (user.areaId() == null) {
            throw ApiException.badField("areaId", "is required for an account without an area");
        }
        return grids.chainOf(user.areaId()).stream().filter(a -> a.level() == AreaLevel.COMMUNITY).map(AreaRef::id).findFirst()
                .orElseThrow(() -> ApiException.badField("areaId", "your area is not a village or community nor inside one: name the village"));
    }

    /** The compact's text: for those whose area contains the village, and for those working or living inside it. */
    public void requireReadable(CurrentUser user, long villageId) {
        boolean related = areas.isInside(user, villageId) || (user.areaId() != null && areas.chainIds(user.areaId()).contains(villageId));
        if (!related) {
            throw ApiException.notFound("the compact of area " + villageId);
        }
    }

    /** AREA scope over a village's records as a whole (drafts, decisions, welfare): the village lies in the caller's area. */
    public void requireInside(Caller caller, long villageId) {
        if (caller.is(Scope.ALL)) {
            return;
        }
        if (!caller.is(Scope.AREA)) {
            throw caller.unsupportedScope();
        }
        if (!areas.isInside(caller.user(), villageId)) {
            throw ApiException.notFound("area " + villageId);
        }
    }

    /** Whether the caller's permission reaches the household. */
    public boolean reaches(Caller caller, Household h) {
        return switch (caller.scope()) {
            case ALL -> true;
            case AREA -> areas.isInside(caller.user(), h.gridId() != null ? h.gridId() : h.areaId());
            case OWN -> ownHousehold(caller.user()).filter(id -> id == h.id()).isPresent();
            case SHARED -> false;
        };
    }

    public boolean reachesHousehold(Caller caller, long householdId) {
        return registry.household(householdId).filter(h -> reaches(caller, h)).isPresent();
    }

    public Household household(Caller caller, long householdId) {
        return registry.household(householdId).filter(h -> reaches(caller, h))
                .orElseThrow(() -> ApiException.notFound("household " + householdId));
    }

    /** The household of the caller's person in the registry. */
    public Optional<Long> ownHousehold(CurrentUser user) {
        return registry.personOfUser(user.id()).map(Person::householdId).filter(Objects::nonNull);
    }

    public List<Long> chain(long areaId) {
        return areas.chainIds(areaId);
    }
}
