package org.redwhistle.api.demo.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo village.
 *
 * @param enabled  seed the Kuiwen demo village (areas, grids, devices, one user per role) at start
 * @param password the password of every demo user; from the environment (RW_DEMO_PASSWORD), never the repository
 * @param history  also replay a year of residents' requests through the real workflow (RW_DEMO_HISTORY), once
 * @param historyCount how many requests that year holds (about 2,000, like the figures in DOMAIN.md)
 */
@ConfigurationProperties("redwhistle.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, String password, @DefaultValue("false") boolean history,
        @DefaultValue("2000") int historyCount) {
}
