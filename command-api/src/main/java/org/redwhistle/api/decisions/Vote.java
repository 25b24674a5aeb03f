package org.redwhistle.api.decisions;

/** One present member's vote. */
public enum Vote {
    YES("赞成"), NO("反对"), ABSTAIN("弃权");

    private final String label;

    Vote(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
