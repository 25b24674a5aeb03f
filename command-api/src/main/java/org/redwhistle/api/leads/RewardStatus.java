package org.redwhistle.api.leads;

import java.util.Set;

/** A reward's approval: proposed by the police, then approved (and paid in the same transaction) or refused by a police leader. */
public enum RewardStatus {
    PROPOSED("待审批"),
    APPROVED("已批准并支付"),
    REFUSED("未批准");

    private final String label;

    RewardStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Set<RewardStatus> next() {
        return this == PROPOSED ? Set.of(APPROVED, REFUSED) : Set.of();
    }

    public boolean canMoveTo(RewardStatus s) {
        return next().contains(s);
    }
}
