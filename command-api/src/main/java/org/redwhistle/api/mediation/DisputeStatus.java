package org.redwhistle.api.mediation;

import java.util.Set;

/** Where a dispute stands: in mediation, or ended (settled by agreement, referred out of the village, withdrawn). */
public enum DisputeStatus {
    OPEN("调解中"),
    SETTLED("调解成功"),
    REFERRED("移交村外"),
    WITHDRAWN("已撤回");

    private final String label;

    DisputeStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The states this one may move to: only an open dispute ends, and an ended one stays ended. */
    public Set<DisputeStatus> next() {
        return this == OPEN ? Set.of(SETTLED, REFERRED, WITHDRAWN) : Set.of();
    }

    public boolean canMoveTo(DisputeStatus s) {
        return next().contains(s);
    }
}
