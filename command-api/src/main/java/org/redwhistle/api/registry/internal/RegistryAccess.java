package org.redwhistle.api.registry.internal;

import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.registry.Household;
import org.redwhistle.api.registry.Person;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.stereotype.Component;

/**
 * Applies the registry's lines of the access policy: which households a caller reaches (the scope of
 * the route's permission), which village a request is about, and what personal data they are shown
 * ({@code registry.contact}: phones; {@code registry.personal}: phones and birth dates, and the
 * audited reveal of a full ID number). Anything outside the reach is "not found".
 */
@Component
class RegistryAccess {

    /** What a caller is shown of the people they reach. */
    record Shown(boolean phones, boolean personal) {
    }

    private final RegistryStore store;
    private final AreaDirectory areas;

    RegistryAccess(RegistryStore store, AreaDirectory areas) {
        this.store = store;
        this.areas = areas;
    }

    Reach reach(Caller caller) {
        return switch (caller.scope()) {
            case ALL -> Reach.ALL;
            case AREA -> caller.user().areaId() == null ? Reach.NOTHING : Reach.area(caller.user().areaId());
            case OWN -> store.personOfUser(caller.user().id()).filter(p -> p.active() && p.householdId() != null)
                    .map(p -> Reach.household(p.householdId())).orElse(Reach.NOTHING);
            default -> throw caller.unsupportedScope();
        };
    }

    Shown shown(Caller caller) {
        boolean personal = caller.scopeFor(Permission.REGISTRY_PERSONAL).isPresent();
        return new Shown(personal || caller.scopeFor(Permission.REGISTRY_CONTACT).isPresent(), personal);
    }

    /**
     * The village or community a request is about: {@code areaId} when given (a village or community the
     * caller's area contains or lies in), else the caller's own (a grid worker's: their grid's).
     */
    AreaRef village(Caller caller, Long areaId) {
        Map<Long, AreaRef> all = areas.all();
        if (areaId != null) {
            AreaRef a = all.get(areaId);
            if (a == null || a.level() != AreaLevel.COMMUNITY || !related(caller, all, a)) {
                throw ApiException.notFound("village or community " + areaId);
            }
            return a;
        }
        Long own = caller.user().areaId();
        if (caller.is(org.redwhistle.api.access.Scope.OWN)) {
            own = store.personOfUser(caller.user().id()).map(Person::areaId).orElse(own);
        }
        if (own == null) {
            throw ApiException.badField("areaId", "请指定村（社区）：管理员没有所属村（社区）");
        }
        return AreaDirectory.chain(all, own).stream().filter(a -> a.level() == AreaLevel.COMMUNITY).findFirst()
                .orElseThrow(() -> ApiException.badField("areaId", "请指定村（社区）：您的辖区不在某个村（社区）之内"));
    }

    /** The village contains the caller's area (a grid worker), or the caller's area contains it (a committee, an administrator). */
    private static boolean related(Caller caller, Map<Long, AreaRef> all, AreaRef village) {
        Long own = caller.user().areaId();
        if (caller.user().isAdmin()) {
            return true;
        }
        if (own == null) {
            return false;
        }
        return AreaDirectory.chain(all, village.id()).stream().anyMatch(a -> a.id() == own)
                || AreaDirectory.chain(all, own).stream().anyMatch(a -> a.id() == village.id());
    }

    /** The household, when the caller reaches it; otherwise "not found". */
    Household household(Caller caller, long id) {
        Reach reach = reach(caller);
        return store.household(id).filter(h -> store.reaches(reach, h.id()))
                .orElseThrow(() -> ApiException.notFound("household " + id));
    }

    /** The person, when the caller reaches them: through their household, or (without one) through their village. */
    Person person(Caller caller, long id) {
        Reach reach = reach(caller);
        return store.person(id).filter(p -> p.householdId() != null ? store.reaches(reach, p.householdId()) : reachesArea(reach, p.areaId()))
                .orElseThrow(() -> ApiException.notFound("person " + id));
    }

    private boolean reachesArea(Reach reach, long areaId) {
        if (reach.household() != null) {
            return false;
        }
        return reach.area() == null || areas.path(areaId).contains(reach.area());
    }

    /** The grids of a village, by code. */
    java.util.List<AreaRef> grids(long villageId) {
        return areas.all().values().stream().filter(a -> a.level() == AreaLevel.GRID && java.util.Objects.equals(a.parentId(), villageId))
                .sorted(java.util.Comparator.comparing(AreaRef::code)).toList();
    }

    AreaRef area(long id) {
        return areas.all().get(id);
    }
}
