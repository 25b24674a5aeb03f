package org.redwhistle.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * The text messages the default SMS sender wrote to its logger ({@code org.redwhistle.sms}), as
 * residents' phones would receive them: a logback appender attached to that logger for the run,
 * which also appends each message to {@code target/reports/sms-outbox.log} (the browser test's
 * script reads its codes there).
 */
public final class SmsOutbox {

    /** One message: the masked number and the text. */
    public record Message(String maskedPhone, String text) {
    }

    private static final Pattern LINE = Pattern.compile("SMS to (\\S+): (.*)", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("验证码 (\\d{6})");
    private static final Path FILE = Path.of("target", "reports", "sms-outbox.log").toAbsolutePath();
    private static final List<Message> MESSAGES = new ArrayList<>();

    private SmsOutbox() {
    }

    /**
     * Starts listening, unless already listening; messages sent before are not seen. Call it once the
     * application runs: Spring Boot resets logback as it starts, dropping appenders attached before.
     */
    public static synchronized void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.redwhistle.sms");
        if (logger.getAppender("sms-outbox") != null) {
            return;
        }
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                Matcher m = LINE.matcher(e.getFormattedMessage());
                if (m.matches()) {
                    add(new Message(m.group(1), m.group(2)));
                }
            }
        };
        appender.setName("sms-outbox");
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    private static synchronized void add(Message m) {
        MESSAGES.add(m);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, m.maskedPhone() + "\t" + m.text() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file every message is appended to. */
    public static Path file() {
        return FILE;
    }

    /** The number as the sender logs it: 138****0000. */
    public static String mask(String phone) {
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }

    /** The messages to the number so far, oldest first. */
    public static synchronized List<Message> to(String phone) {
        String masked = mask(phone);
        return MESSAGES.stream().filter(m -> m.maskedPhone().equals(masked)).toList();
    }

    /** The newest message to the number, waiting up to 5 s for it to arrive after {@code before} earlier ones. */
    public static Message next(String phone, int before) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> to(phone).size() > before);
        List<Message> all = to(phone);
        return all.get(all.size() - 1);
    }

    /** The code in a message; empty for a notice. */
    public static Optional<String> code(Message m) {
        Matcher c = CODE.matcher(m.text());
        return c.find() ? Optional.of(c.group(1)) : Optional.empty();
    }
}
