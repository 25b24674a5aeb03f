package org.redwhistle.api.compact;

import java.util.Set;

/**
 * A violation's life: reported, then confirmed by the committee (the penalty applied) or dismissed; a
 * confirmed violation is appealed to mediation (back to confirmed, with the outcome, when mediation ends)
 * and restored once the condition of the restoration article is met.
 */
public enum ViolationState {
    REPORTED("待认定"),
    CONFIRMED("已认定处罚"),
    DISMISSED("不予认定"),
    APPEALED("申诉调解中"),
    RESTORED("已整改恢复");

    private final String label;

    ViolationState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Set<ViolationState> next() {
        return switch (this) {
            case REPORTED -> Set.of(CONFIRMED, DISMISSED);
            case CONFIRMED -> Set.of(APPEALED, RESTORED);
            case APPEALED -> Set.of(CONFIRMED);
            case DISMISSED, RESTORED -> Set.of();
        };
    }

    public boolean canMoveTo(ViolationState s) {
        return next().contains(s);
    }
}
