package org.redwhistle.api.push.internal;

import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;

/** Server frames, encoded by spring-messaging's STOMP encoder (header escaping, content-length). */
final class StompFrames {

    static final String HEARTBEAT = "\n";
    private static final MimeType JSON = MimeType.valueOf("application/json;charset=UTF-8");
    private static final StompEncoder ENCODER = new StompEncoder();

    private StompFrames() {
    }

    static String connected(String version, long sendMs, long receiveMs, String user) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.CONNECTED);
        h.setVersion(version);
        h.setHeartbeat(sendMs, receiveMs);
        h.setNativeHeader("server", "red-whistle");
        h.setNativeHeader("user-name", user);
        return encode(h, new byte[0]);
    }

    static String message(String destination, String subscription, String messageId, byte[] json) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.MESSAGE);
        h.setDestination(destination);
        h.setSubscriptionId(subscription);
        h.setMessageId(messageId);
        h.setContentType(JSON);
        return encode(h, json);
    }

    static String receipt(String receiptId) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.RECEIPT);
        h.setReceiptId(receiptId);
        return encode(h, new byte[0]);
    }

    static String error(String message, String detail, String receiptId) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.ERROR);
        h.setMessage(message);
        if (receiptId != null) {
            h.setReceiptId(receiptId);
        }
        h.setContentType(MimeType.valueOf("text/plain;charset=UTF-8"));
        return encode(h, detail.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(StompHeaderAccessor h, byte[] body) {
        h.setLeaveMutable(true);
        Message<byte[]> m = MessageBuilder.createMessage(body, h.getMessageHeaders());
        return new String(ENCODER.encode(m), StandardCharsets.UTF_8);
    }
}
