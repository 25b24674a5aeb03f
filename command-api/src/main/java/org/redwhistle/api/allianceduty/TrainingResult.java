package org.redwhistle.api.allianceduty;

/** A member's result at a training session: only a pass counts towards going on duty. */
public enum TrainingResult {
    PASSED("合格"),
    FAILED("不合格"),
    ABSENT("缺席");

    private final String label;

    TrainingResult(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
