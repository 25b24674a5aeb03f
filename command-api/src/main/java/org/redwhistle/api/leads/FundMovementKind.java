package org.redwhistle.api.leads;

/** A row of the fund's ledger: money in (the year's allocation, a top-up, a reversed payment) or out (a reward paid). */
public enum FundMovementKind {
    ALLOCATION("年度拨付"),
    TOP_UP("追加"),
    PAYMENT("奖励支出"),
    REVERSAL("冲正");

    private final String label;

    FundMovementKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** +1 for money in, -1 for money out. */
    public int sign() {
        return this == PAYMENT ? -1 : 1;
    }
}
