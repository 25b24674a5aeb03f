package org.redwhistle.api.cases.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Supervision of cases (督办).
 *
 * @param warnBefore    how long before a deadline the holding unit is warned
 * @param sweepInterval        how often the supervisor sweeps the open cases, and the auto-close job the handled ones (read by their
 *                             {@code @Scheduled} under the same name)
 * @param evaluationWindowDays working days a resident has to evaluate a handled case; after them it closes by itself as not
 *                             evaluated (逾期未评价，系统自动办结)
 */
@ConfigurationProperties("redwhistle.cases")
public record CasesProperties(@DefaultValue("4h") Duration warnBefore, @DefaultValue("60s") Duration sweepInterval,
        @DefaultValue("3") int evaluationWindowDays) {

    public CasesProperties {
        if (evaluationWindowDays < 1 || evaluationWindowDays > 30) {
            throw new IllegalArgumentException("redwhistle.cases.evaluation-window-days: from 1 to 30 working days, not " + evaluationWindowDays);
        }
    }
}
