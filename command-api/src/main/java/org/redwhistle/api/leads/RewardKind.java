package org.redwhistle.api.leads;

/** What a reward is for: a lead judged valid, or a lead that led to suspects caught. */
public enum RewardKind {
    VALID_LEAD("有效线索"),
    ARREST("协助抓获嫌疑人");

    private final String label;

    RewardKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
