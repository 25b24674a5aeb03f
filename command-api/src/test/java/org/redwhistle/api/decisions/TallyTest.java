package org.redwhistle.api.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The representatives' meeting's rule of 村民委员会组织法 art. 26, and rules as data. */
class TallyTest {

    @Test
    void twoThirdsMustBePresentAtLeast() {
        // 45 representatives: 30 is exactly two thirds, valid; 29 is not
        assertThat(VoteRule.REPRESENTATIVES.presentNeeded(45)).isEqualTo(30);
        assertThat(Tally.count(VoteRule.REPRESENTATIVES, 45, 30, 16, 10, 4).quorate()).isTrue();
        Tally short1 = Tally.count(VoteRule.REPRESENTATIVES, 45, 29, 29, 0, 0);
        assertThat(short1.quorate()).isFalse();
        assertThat(short1.passed()).isFalse();
        assertThat(short1.outcome()).isEqualTo("会议无效：应到 45 人，实到 29 人，不足 30 人");
        // 46: two thirds is 30.67, so 31
        assertThat(VoteRule.REPRESENTATIVES.presentNeeded(46)).isEqualTo(31);
    }

    @Test
    void moreThanHalfOfThosePresentPasses() {
        // 30 present: 15 is half, not more than half
        Tally half = Tally.count(VoteRule.REPRESENTATIVES, 45, 30, 15, 15, 0);
        assertThat(half.yesNeeded()).isEqualTo(16);
        assertThat(half.passed()).isFalse();
        assertThat(half.outcome()).isEqualTo("未通过：赞成 15 票，不足 16 票");
        Tally more = Tally.count(VoteRule.REPRESENTATIVES, 45, 31, 16, 5, 3);
        assertThat(more.yesNeeded()).isEqualTo(16);
        assertThat(more.passed()).isTrue();
        assertThat(more.outcome()).isEqualTo("通过：赞成 16 票，达到 16 票");
    }

    @Test
    void aRuleMayCountAgainstAllMembers() {
        // a party members' meeting: more than half present, more than half of all members voting yes
        VoteRule party = new VoteRule("PARTY", "党员大会", 1, 2, true, 1, 2, true, VoteRule.Base.MEMBERS);
        assertThat(party.presentNeeded(49)).isEqualTo(25);
        assertThat(Tally.count(party, 49, 30, 24, 6, 0).passed()).isFalse();
        assertThat(Tally.count(party, 49, 30, 25, 5, 0).passed()).isTrue();
        assertThat(party.describe()).isEqualTo("到会人数超过应到人员的 1/2 方为有效；赞成票超过应到人员的 1/2 方为通过");
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThatThrownBy(() -> Tally.count(VoteRule.REPRESENTATIVES, 45, 46, 0, 0, 0)).hasMessage("到会 46 人多于应到 45 人");
        assertThatThrownBy(() -> Tally.count(VoteRule.REPRESENTATIVES, 45, 30, 20, 10, 1)).hasMessage("票数 31 多于到会 30 人");
        assertThatThrownBy(() -> new VoteRule("X", "x", 3, 2, false, 1, 2, true, VoteRule.Base.PRESENT))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
