package org.redwhistle.api.leads.internal;

import java.math.BigDecimal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rewards for leads (线索奖励).
 *
 * @param yearlyFund the yuan a district's reward fund is allocated (年度拨付) when its year is first used; an
 *                   administrator may set a year's allocation before that, and top it up at any time
 * @param maxReward  the most one reward may be, in yuan (a typo guard, not a policy)
 */
@ConfigurationProperties("redwhistle.rewards")
public record RewardProperties(@DefaultValue("250000") BigDecimal yearlyFund, @DefaultValue("1000000") BigDecimal maxReward) {

    public RewardProperties {
        if (yearlyFund.signum() <= 0) {
            throw new IllegalArgumentException("redwhistle.rewards.yearly-fund: more than 0 yuan, not " + yearlyFund);
        }
        if (maxReward.signum() <= 0) {
            throw new IllegalArgumentException("redwhistle.rewards.max-reward: more than 0 yuan, not " + maxReward);
        }
    }
}
