package org.redwhistle.api.cases;

/**
 * Where one department's part of a jointly handled case (多部门联办) stands: in its hands, reported
 * (it says what it did), sent back (退回) as a wrong assignment for the district center to route again, or
 * taken back with the case when it left the departments (escalated, rejected, merged).
 */
public enum AssignmentStatus {
    ASSIGNED("办理中"),
    REPORTED("已报到处置"),
    SENT_BACK("已退回"),
    /** The case left the departments while the part was in hand (escalated to the leaders, rejected or merged). */
    WITHDRAWN("已收回");

    private final String label;

    AssignmentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
