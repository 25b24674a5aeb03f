package org.redwhistle.api.login.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling: after the free failures, each further failure blocks the user name (or the
 * client address) for a back-off that doubles from {@code firstBlock} up to {@code maxBlock}.
 *
 * @param freeFailuresPerUser    failed logins for one user name before it is blocked
 * @param freeFailuresPerAddress failed logins from one client address (any names) before it is blocked
 * @param firstBlock             the first block; each further failure doubles it
 * @param maxBlock               the longest block
 * @param forgetAfter            a name or address without failures for this long starts from zero again
 * @param trustedProxies         IP addresses of the load balancers in front of the app: a request from one of them
 *                               is counted by the address its X-Forwarded-For ends with ({@link ClientAddress}); empty: none
 */
@ConfigurationProperties("redwhistle.security.login")
public record LoginProperties(
        @DefaultValue("5") int freeFailuresPerUser,
        @DefaultValue("30") int freeFailuresPerAddress,
        @DefaultValue("1s") Duration firstBlock,
        @DefaultValue("15m") Duration maxBlock,
        @DefaultValue("15m") Duration forgetAfter,
        @DefaultValue("") java.util.List<String> trustedProxies) {
}
