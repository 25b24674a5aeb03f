package org.redwhistle.api.cases;

/** Why a CLOSED case closed: the resident evaluated it, or nobody did within the evaluation window. */
public enum CloseReason {
    EVALUATED("群众评价后办结"),
    NOT_EVALUATED("逾期未评价，系统自动办结");

    private final String label;

    CloseReason(String label) {
        this.label = label;
    }

    /** As residents read it (zh-CN). */
    public String label() {
        return label;
    }
}
