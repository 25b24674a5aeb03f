package org.redwhistle.api.fivesteps.internal;

import java.util.Optional;

import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.stereotype.Component;

/**
 * The community a resident takes part in: the one the registry (户籍台账) places them in, else the account's
 * own area when it is a community. Residents who sign up themselves are placed at the top of the area tree
 * (where they live is not known), so they belong to no community — they see no matters and raise none — until
 * the community registers them.
 */
@Component
public class ResidentCommunity {

    /** What a resident who belongs to no community is told when they raise a matter. */
    public static final String NOT_REGISTERED = "请先到社区登记户籍（户籍台账）后再参与议事";

    /** How a resident is shown another resident who raised or evaluated a matter (as with complaint cases). */
    public static final String ANOTHER_RESIDENT = "居民";

    private final Registry registry;
    private final AreaDirectory areas;
    private final UserAccountRepository users;

    public ResidentCommunity(Registry registry, AreaDirectory areas, UserAccountRepository users) {
        this.registry = registry;
        this.areas = areas;
        this.users = users;
    }

    /**
     * Whose names the viewer is not shown: to a resident, every other resident (a resident's user name is their
     * mobile number, and who raised or evaluated a matter stays with the community's staff); to staff, nobody.
     */
    public java.util.function.Predicate<String> hiddenFrom(CurrentUser viewer) {
        if (viewer.role() != Role.RESIDENT) {
            return actor -> false;
        }
        java.util.Map<String, Boolean> resident = new java.util.HashMap<>();
        return actor -> actor != null && !actor.equals(viewer.username())
                && resident.computeIfAbsent(actor, a -> users.findByUsername(a).map(x -> x.getRole() == Role.RESIDENT).orElse(false));
    }

    /** The resident's community, if they have one. */
    public Optional<Long> of(CurrentUser u) {
        Optional<Long> registered = registry.personOfUser(u.id()).filter(Person::active).map(Person::areaId).filter(this::isCommunity);
        if (registered.isPresent()) {
            return registered;
        }
        return Optional.ofNullable(u.areaId()).filter(this::isCommunity);
    }

    private boolean isCommunity(Long areaId) {
        AreaRef a = areas.all().get(areaId);
        return a != null && a.level() == AreaLevel.COMMUNITY;
    }
}
