package org.redwhistle.api.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Text messages and one-time codes (docs/sms.md).
 *
 * @param provider     which {@link SmsSender} sends: {@code log} (default) writes the message to the
 *                     application log (logger {@code org.redwhistle.sms}); any other value expects the
 *                     installation's own sender bean, e.g. {@code aliyun} or {@code tencent}
 * @param signName     the signature a message starts with (【小红哨】), as registered with the provider
 * @param codeValidity how long a code is good
 * @param maxAttempts  wrong entries a code survives; then a new one must be asked for
 * @param resendAfter  at most one message per number within this interval
 * @param perDay       at most this many messages per number in 24 hours
 */
@ConfigurationProperties("redwhistle.sms")
public record SmsProperties(
        @DefaultValue("log") String provider,
        @DefaultValue("小红哨") String signName,
        @DefaultValue("10m") Duration codeValidity,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("60s") Duration resendAfter,
        @DefaultValue("10") int perDay) {
}
