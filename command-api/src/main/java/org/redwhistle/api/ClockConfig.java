package org.redwhistle.api;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock of the application: every "now" of the case chain (filing, deadlines, supervision,
 * auto-close) reads it, so a test replaces it with a clock of its own (a year the calendar has not
 * loaded, the end of a year) and the code under test cannot tell.
 */
@Configuration(proxyBeanMethods = false)
public class ClockConfig {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }
}
