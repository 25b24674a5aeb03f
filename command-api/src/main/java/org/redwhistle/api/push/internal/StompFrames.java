package org.redwhistle.api.push.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompEncoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;

/**
 * Server frames. CONNECTED, RECEIPT and ERROR are encoded by spring-messaging's STOMP encoder. A
 * MESSAGE is encoded here as its own head (command and headers, escaped as STOMP 1.2 says, with the
 * content-length) and the payload's bytes, which are not copied: the position feed sends the same
 * few hundred kilobytes to every operator session, and copying and transcoding them per session
 * (bytes → String → bytes) was the largest allocation of the whole server.
 */
final class StompFrames {

    static final Frame HEARTBEAT = Frame.of("\n".getBytes(StandardCharsets.US_ASCII));
    private static final String JSON = "application/json;charset=UTF-8";
    static final byte[] NUL = {0};
    private static final StompEncoder ENCODER = new StompEncoder();

    private StompFrames() {
    }

    /**
     * A frame's bytes, written to the connection as they are and never modified: a whole frame
     * ({@code body} null), or a MESSAGE's head, its shared payload and the terminating NUL.
     */
    record Frame(byte[] head, byte[] body) {
        static Frame of(byte[] whole) {
            return new Frame(whole, null);
        }

        long length() {
            return head.length + (body == null ? 0 : body.length + NUL.length);
        }
    }

    static Frame connected(String version, long sendMs, long receiveMs, String user) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.CONNECTED);
        h.setVersion(version);
        h.setHeartbeat(sendMs, receiveMs);
        h.setNativeHeader("server", "red-whistle");
        h.setNativeHeader("user-name", user);
        return encode(h, new byte[0]);
    }

    /** A MESSAGE frame; {@code json} is shared, not copied, and must not change afterwards. */
    static Frame message(String destination, String subscription, String messageId, byte[] json) {
        StringBuilder head = new StringBuilder(160).append("MESSAGE\n");
        header(head, "destination", destination);
        header(head, "subscription", subscription);
        header(head, "message-id", messageId);
        header(head, "content-type", JSON);
        header(head, "content-length", Integer.toString(json.length));
        head.append('\n');
        return new Frame(head.toString().getBytes(StandardCharsets.UTF_8), json);
    }

    /** One header line, its name and value escaped (STOMP 1.2: backslash, CR, LF and colon). */
    private static void header(StringBuilder out, String name, String value) {
        escape(out, name);
        out.append(':');
        escape(out, value);
        out.append('\n');
    }

    private static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ':' -> out.append("\\c");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    static Frame receipt(String receiptId) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.RECEIPT);
        h.setReceiptId(receiptId);
        return encode(h, new byte[0]);
    }

    static Frame error(String message, String detail, String receiptId) {
        StompHeaderAccessor h = StompHeaderAccessor.create(StompCommand.ERROR);
        h.setMessage(message);
        if (receiptId != null) {
            h.setReceiptId(receiptId);
        }
        h.setContentType(MimeType.valueOf("text/plain;charset=UTF-8"));
        return encode(h, detail.getBytes(StandardCharsets.UTF_8));
    }

    private static Frame encode(StompHeaderAccessor h, byte[] body) {
        h.setLeaveMutable(true);
        Message<byte[]> m = MessageBuilder.createMessage(body, h.getMessageHeaders());
        return Frame.of(ENCODER.encode(m));
    }

    /** The frame as one array, as the client receives it (StompFramesTest). */
    static byte[] bytes(Frame f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) f.length());
        out.writeBytes(f.head());
        if (f.body() != null) {
            out.writeBytes(f.body());
            out.writeBytes(NUL);
        }
        return out.toByteArray();
    }
}
