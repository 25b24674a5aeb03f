package org.redwhistle.api.sms.internal;

import org.redwhistle.api.sms.SmsSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The default sender ({@code redwhistle.sms.provider=log}): one INFO line per message on the logger
 * {@code org.redwhistle.sms}, the number masked, the text (and so the code) in full, e.g.
 * {@code SMS to 138****0000: 【小红哨】验证码 123456，10分钟内有效，用于注册。请勿告诉他人。}. For
 * development, demos and tests: whoever reads the log can complete any sign-up.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.sms.provider", havingValue = "log", matchIfMissing = true)
public class LogSmsSender implements SmsSender {

    /** The logger the messages go to; tests and demos read codes from it. */
    public static final String LOGGER = "org.redwhistle.sms";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    @Override
    public void send(Sms sms) {
        log.info("SMS to {}: {}", sms.maskedPhone(), sms.text());
    }
}
