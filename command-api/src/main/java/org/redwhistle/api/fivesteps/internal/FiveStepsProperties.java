package org.redwhistle.api.fivesteps.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 五事工作法's supervision.
 *
 * @param sweepInterval how often the supervisor flags the 联动办事 tasks past their deadline (once per cluster; read by
 *                      {@link TaskSupervisor}'s {@code @Scheduled} under the same name)
 */
@ConfigurationProperties("redwhistle.fivesteps")
public record FiveStepsProperties(@DefaultValue("60s") Duration sweepInterval) {

    public FiveStepsProperties {
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("redwhistle.fivesteps.sweep-interval: a positive duration, not " + sweepInterval);
        }
    }
}
