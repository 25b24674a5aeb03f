package org.redwhistle.api.mediation.internal;

import java.util.EnumSet;
import java.util.Set;

import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.mediation.MediationLevel;
import org.redwhistle.api.mediation.internal.MediationStore.Row;
import org.redwhistle.api.registry.CivicRole;
import org.redwhistle.api.registry.Person;
import org.redwhistle.api.registry.Registry;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.springframework.stereotype.Component;

/**
 * Who a signed-in user is in the mediation chain. The access policy lets MEDIATOR accounts read and handle
 * in their area; their registry person's roles narrow it: a 代办员 (AGENT) sees and handles at the first level
 * the disputes of the households they look after; mediators and 和事佬 see the disputes that reached their
 * level or the legal advisers' and handle those at theirs; legal advisers see and handle those at theirs. The
 * committee sees all of its village's disputes (to oversee them) but not the parties' personal data, which only
 * those who handle the dispute at its level are shown. A resident sees the disputes they or their household are a
 * party to. A MEDIATOR or RESIDENT account linked to no person sees nothing.
 */
@Component
class MediationAccess {

    private final Registry registry;
    private final AreaScope areas;
    private final MediationStore store;

    MediationAccess(Registry registry, AreaScope areas, MediationStore store) {
        this.registry = registry;
        this.areas = areas;
        this.store = store;
    }

    /** The caller with their registry person (null when none) and the levels they handle. */
    record Who(CurrentUser user, Person person, Set<MediationLevel> handles) {

        String name() {
            return person != null ? person.name() : user.username();
        }
    }

    Who who(CurrentUser user) {
        Person p = user.isAdmin() ? null : registry.personOfUser(user.id()).orElse(null);
        Set<MediationLevel> levels = EnumSet.noneOf(MediationLevel.class);
        if (user.isAdmin()) {
            levels.addAll(EnumSet.allOf(MediationLevel.class));
        } else if (user.role() == Role.MEDIATOR && p != null) {
            for (MediationLevel l : MediationLevel.values()) {
                if (l.handlers().stream().anyMatch(p::has)) {
                    levels.add(l);
                }
            }
        }
        return new Who(user, p, levels);
    }

    boolean inArea(Who w, long areaId) {
        return areas.isInside(w.user(), areaId);
    }

    /** May see the dispute at all. */
    boolean sees(Who w, Row d) {
        if (!inArea(w, d.areaId())) {
            return false;
        }
        if (w.user().role() == Role.RESIDENT) {
            return w.person() != null && store.parties(d.id()).stream().anyMatch(p -> java.util.Objects.equals(p.personId(), w.person().id())
                    || (p.householdId() != null && p.householdId().equals(w.person().householdId())));
        }
        if (w.user().isAdmin() || w.user().role() != Role.MEDIATOR) {
            return true; // the committee of the village (the policy's AREA scope); other roles do not reach here
        }
        if (w.person() == null) {
            return false;
        }
        if (isAgentOf(w, d)) {
            return true;
        }
        return w.handles().stream().filter(l -> l != MediationLevel.AGENT).anyMatch(l -> d.level().compareTo(l) >= 0);
    }

    /** May take steps on it at its current level (and so see the parties' personal data). */
    boolean handles(Who w, Row d) {
        if (!inArea(w, d.areaId())) {
            return false;
        }
        if (w.user().isAdmin()) {
            return true;
        }
        if (w.user().role() != Role.MEDIATOR || w.person() == null) {
            return false;
        }
        if (d.level() == MediationLevel.AGENT) {
            return isAgentOf(w, d);
        }
        return w.handles().contains(d.level());
    }

    private static boolean isAgentOf(Who w, Row d) {
        return d.agentId() != null && w.person().has(CivicRole.AGENT) && d.agentId() == w.person().id();
    }
}
