package org.redwhistle.api.fivesteps;

import java.util.Set;

/** A 联动办事 task: assigned to a unit → reported done by it with a note → accepted by the community (or sent back). */
public enum TaskStatus {
    ASSIGNED("办理中"),
    REPORTED("已报办结，待社区验收"),
    ACCEPTED("已验收");

    private final String label;

    TaskStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Set<TaskStatus> next() {
        return switch (this) {
            case ASSIGNED -> Set.of(REPORTED);
            case REPORTED -> Set.of(ACCEPTED, ASSIGNED);
            case ACCEPTED -> Set.of();
        };
    }

    public boolean canMoveTo(TaskStatus to) {
        return next().contains(to);
    }
}
