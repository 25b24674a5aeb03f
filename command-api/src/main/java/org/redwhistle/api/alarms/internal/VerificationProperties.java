package org.redwhistle.api.alarms.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Camera verification of alarms: the covering cameras are asked for snapshots and the platform
 * looks for people on them.
 *
 * @param types      alarm types that are verified
 * @param timeout    a verification without an answer for this long is concluded as unverified
 * @param cameras    at most this many covering cameras are asked
 * @param looks      a camera that saw nobody is asked again, up to this many snapshots
 * @param retryAfter a repeat of an unverified alarm asks the cameras again at most this often
 * @param sweep      how often pending verifications past their time are concluded (the job's schedule reads {@code redwhistle.verification.sweep})
 */
@ConfigurationProperties("redwhistle.verification")
public record VerificationProperties(
        @DefaultValue({"perimeter.intrusion", "gate.forced", "gate.tailgating"}) List<String> types,
        @DefaultValue("15s") Duration timeout,
        @DefaultValue("3") int cameras,
        @DefaultValue("2") int looks,
        @DefaultValue("30s") Duration retryAfter,
        @DefaultValue("1s") Duration sweep) {
}
