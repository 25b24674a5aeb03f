package org.redwhistle.api.cases;

/** The resident's verdict in an evaluation (群众评事); dissatisfied sends the case back for rework. */
public enum Satisfaction {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    DISSATISFIED("不满意");

    private final String label;

    Satisfaction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
