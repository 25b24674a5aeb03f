package org.redwhistle.api.members;

import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Members' live positions.
 *
 * @param persistInterval    how often the rows of members moved by their patrol terminals are written (conflated; read by
 *                           {@link Members#persistTerminalFixes}'s {@code @Scheduled} under the same name)
 * @param phoneFixFreshness  how long a phone fix stays a member's position against their patrol terminal: a terminal fix does not
 *                           move a member whose latest phone fix is younger than this (one source at a time, so proposals and
 *                           track replay never jump between the phone and the terminal)
 */
@ConfigurationProperties("redwhistle.members")
public record MembersProperties(@DefaultValue("5s") Duration persistInterval, @DefaultValue("60s") Duration phoneFixFreshness) {

    public MembersProperties {
        if (phoneFixFreshness.isNegative() || phoneFixFreshness.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("redwhistle.members.phone-fix-freshness: from 0 to 1 h, not " + phoneFixFreshness);
        }
    }

    /**
     * The one-source rule: whether a terminal fix taken at {@code terminalAt} gives way to the phone fix taken at
     * {@code phoneAt} (null: none), i.e. the phone fix is not older than the terminal fix by the freshness or more.
     */
    public boolean phoneHolds(Instant phoneAt, Instant terminalAt) {
        return phoneAt != null && phoneAt.plus(phoneFixFreshness).isAfter(terminalAt);
    }
}
