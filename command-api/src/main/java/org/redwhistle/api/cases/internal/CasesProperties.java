package org.redwhistle.api.cases.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Supervision of cases (督办).
 *
 * @param warnBefore    how long before a deadline the holding unit is warned
 * @param sweepInterval how often the supervisor sweeps the open cases (read by its {@code @Scheduled} under the same name)
 */
@ConfigurationProperties("redwhistle.cases")
public record CasesProperties(@DefaultValue("4h") Duration warnBefore, @DefaultValue("60s") Duration sweepInterval) {
}
