package org.redwhistle.api.fivesteps;

/** A resident's evaluation of a matter's outcome (群众评事). */
public enum Verdict {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
