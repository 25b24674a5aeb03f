package org.redwhistle.api.mediation;

import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.registry.CivicRole;

/**
 * The levels of the village's mediation chain, in order: a household's 代办员, then the mediators and
 * 和事佬, then the legal advisers. A dispute moves only one level up; past the legal advisers it leaves
 * the village (referred out).
 */
public enum MediationLevel {
    AGENT("代办员", Set.of(CivicRole.AGENT)),
    MEDIATION("调解员、和事佬", Set.of(CivicRole.MEDIATOR, CivicRole.PEACEMAKER)),
    LEGAL("法律顾问", Set.of(CivicRole.LEGAL_ADVISER));

    private final String label;
    private final Set<CivicRole> handlers;

    MediationLevel(String label, Set<CivicRole> handlers) {
        this.label = label;
        this.handlers = handlers;
    }

    public String label() {
        return label;
    }

    /** The registry roles whose holders handle a dispute at this level. */
    public Set<CivicRole> handlers() {
        return handlers;
    }

    /** The level above; empty for the legal advisers, the village's last. */
    public Optional<MediationLevel> next() {
        return ordinal() + 1 < values().length ? Optional.of(values()[ordinal() + 1]) : Optional.empty();
    }
}
