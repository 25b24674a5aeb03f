package org.redwhistle.api.alliance.internal;

import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.stereotype.Component;

/**
 * Applies the alliance's lines of the access policy: the police of a street or community reach the members and
 * teams inside it (AREA), administrators everything (ALL), a patrol member their own membership (OWN).
 * Anything outside the reach is "not found".
 */
@Component
class AllianceAccess {

    /** What a caller reaches: everything inside {@code scope} (null: everywhere), or only {@code userId}'s own. */
    record Reach(Long scope, Long userId) {
        static final Reach NOTHING = new Reach(-1L, -1L);

        boolean covers(java.util.Collection<Long> areaPath, Long ownerUserId) {
            if (userId != null) {
                return userId.equals(ownerUserId);
            }
            return scope == null || areaPath.contains(scope);
        }
    }

    private final AllianceStore store;
    private final TeamStore teams;
    private final AreaDirectory areas;

    AllianceAccess(AllianceStore store, TeamStore teams, AreaDirectory areas) {
        this.store = store;
        this.teams = teams;
        this.areas = areas;
    }

    Reach reach(Caller caller) {
        return switch (caller.scope()) {
            case ALL -> new Reach(null, null);
            case AREA -> caller.user().areaId() == null ? Reach.NOTHING : new Reach(caller.user().areaId(), null);
            case OWN -> new Reach(null, caller.user().id());
            default -> throw caller.unsupportedScope();
        };
    }

    /** The member, when the caller reaches them. */
    AllianceStore.Row member(Caller caller, long id) {
        Reach r = reach(caller);
        return store.byId(id).filter(m -> r.covers(m.areaPath(), m.userId())).orElseThrow(() -> ApiException.notFound("alliance member " + id));
    }

    /** The team, when the caller's area holds it (an OWN reach sees no team but their own member's). */
    TeamStore.Team team(Caller caller, long id, String field) {
        Reach r = reach(caller);
        return teams.byId(id).filter(t -> r.userId() == null && (r.scope() == null || t.areaPath().contains(r.scope())))
                .orElseThrow(() -> field == null ? ApiException.notFound("team " + id) : ApiException.badField(field, "队伍 " + id + " 不存在或不在您的辖区"));
    }

    /** An area the caller names for a new member or team: theirs by default, else one inside their area. */
    AreaRef area(Caller caller, Long areaId) {
        Map<Long, AreaRef> all = areas.all();
        Long id = areaId != null ? areaId : caller.user().areaId();
        if (id == null) {
            throw ApiException.badField("areaId", "请指定所属辖区（街道或社区）");
        }
        AreaRef a = all.get(id);
        Reach r = reach(caller);
        if (a == null || (r.scope() != null && AreaDirectory.chain(all, id).stream().noneMatch(x -> x.id() == r.scope()))) {
            throw ApiException.badField("areaId", "辖区 " + id + " 不存在或不在您的辖区");
        }
        if (a.level() == AreaLevel.GRID) {
            return all.get(a.parentId());
        }
        return a;
    }

    /** The district's code an area lies in: the prefix of its badge numbers. */
    String districtCode(long areaId) {
        return AreaDirectory.chain(areas.all(), areaId).stream().filter(a -> a.level() == AreaLevel.DISTRICT).map(AreaRef::code).findFirst()
                .orElse("000000");
    }
}
