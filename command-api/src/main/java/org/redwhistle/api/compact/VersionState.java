package org.redwhistle.api.compact;

import java.util.Set;

/**
 * A version's life: drafted, put to a 四议两公开 matter, then adopted (in force, the previous version
 * superseded) or not adopted by the villagers' representatives. Only a draft is edited.
 */
public enum VersionState {
    DRAFT("草案"),
    PROPOSED("四议两公开审议中"),
    ADOPTED("现行有效"),
    SUPERSEDED("已废止"),
    NOT_ADOPTED("未获通过");

    private final String label;

    VersionState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The states this one may move to. Only a proposed version (frozen, tied to its matter) is decided. */
    public Set<VersionState> next() {
        return switch (this) {
            case DRAFT -> Set.of(PROPOSED);
            case PROPOSED -> Set.of(ADOPTED, NOT_ADOPTED);
            case ADOPTED -> Set.of(SUPERSEDED);
            case SUPERSEDED, NOT_ADOPTED -> Set.of();
        };
    }

    public boolean canMoveTo(VersionState s) {
        return next().contains(s);
    }
}
