package org.redwhistle.api.leads;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The review's and the approval's transitions. */
class LeadStatusTest {

    @Test
    void aLeadIsCheckedThenJudgedAndNeverBackToNew() {
        assertThat(LeadStatus.NEW.canMoveTo(LeadStatus.REVIEWING)).isTrue();
        assertThat(LeadStatus.REVIEWING.canMoveTo(LeadStatus.VALID)).isTrue();
        assertThat(LeadStatus.REVIEWING.canMoveTo(LeadStatus.INVALID)).isTrue();
        assertThat(LeadStatus.REVIEWING.canMoveTo(LeadStatus.REVIEWING)).isFalse();
        assertThat(LeadStatus.INVALID.canMoveTo(LeadStatus.VALID)).as("a judgement may be revised").isTrue();
        for (LeadStatus s : LeadStatus.values()) {
            assertThat(s.canMoveTo(LeadStatus.NEW)).isFalse();
        }
        assertThat(LeadStatus.VALID.label()).isEqualTo("有效");
        assertThat(LeadStatus.REVIEWING.label()).isEqualTo("核实中");
    }

    @Test
    void aRewardIsDecidedOnce() {
        assertThat(RewardStatus.PROPOSED.next()).containsExactlyInAnyOrder(RewardStatus.APPROVED, RewardStatus.REFUSED);
        assertThat(RewardStatus.APPROVED.next()).isEmpty();
        assertThat(RewardStatus.REFUSED.next()).isEmpty();
        assertThat(FundMovementKind.PAYMENT.sign()).isEqualTo(-1);
        assertThat(FundMovementKind.REVERSAL.sign()).isEqualTo(1);
    }
}
