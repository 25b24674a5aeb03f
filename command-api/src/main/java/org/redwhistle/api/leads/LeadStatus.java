package org.redwhistle.api.leads;

import java.util.Set;

/** Where a lead's review stands: new, being checked by the police, then judged valid or invalid (with a note). */
public enum LeadStatus {
    NEW("待核查"),
    REVIEWING("核实中"),
    VALID("有效"),
    INVALID("无效");

    private final String label;

    LeadStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The states this one may move to: a judgement may be revised (a lead thought invalid proves valid), never undone to new. */
    public Set<LeadStatus> next() {
        return switch (this) {
            case NEW -> Set.of(REVIEWING, VALID, INVALID);
            case REVIEWING -> Set.of(VALID, INVALID);
            case VALID -> Set.of(INVALID);
            case INVALID -> Set.of(VALID);
        };
    }

    public boolean canMoveTo(LeadStatus s) {
        return next().contains(s);
    }

    /** Judged: valid or invalid, which the member who sent it is told. */
    public boolean judged() {
        return this == VALID || this == INVALID;
    }
}
