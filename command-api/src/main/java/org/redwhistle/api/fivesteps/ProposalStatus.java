package org.redwhistle.api.fivesteps;

import java.util.Set;

/**
 * Where a matter stands in the five steps. Each step only from the one before it: a matter is
 * deliberated before a meeting decides it, decided before tasks are assigned, done before residents
 * evaluate it. A meeting that does not pass the motion sends the matter back to deliberation.
 */
public enum ProposalStatus {
    RAISED("居民提事", 1),
    DELIBERATING("网格议事", 2),
    VOTING("会议定事", 3),
    RESOLVED("已形成决议", 3),
    ACTING("联动办事", 4),
    COMPLETED("群众评事", 5);

    private final String label;
    private final int step;

    ProposalStatus(String label, int step) {
        this.label = label;
        this.step = step;
    }

    public String label() {
        return label;
    }

    /** Which of the five steps (1–5) the matter is at. */
    public int step() {
        return step;
    }

    /** The statuses a matter may move to from this one. */
    public Set<ProposalStatus> next() {
        return switch (this) {
            case RAISED -> Set.of(DELIBERATING);
            case DELIBERATING -> Set.of(DELIBERATING, VOTING);
            case VOTING -> Set.of(RESOLVED, DELIBERATING);
            case RESOLVED -> Set.of(ACTING);
            case ACTING -> Set.of(ACTING, COMPLETED);
            case COMPLETED -> Set.of();
        };
    }

    public boolean canMoveTo(ProposalStatus to) {
        return next().contains(to);
    }
}
