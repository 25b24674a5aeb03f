package org.redwhistle.api.push.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/** Our own MESSAGE encoding reads back, through spring-messaging's decoder, as exactly what was sent. */
class StompFramesTest {

    @Test
    void aMessageFrameDecodesToItsHeadersAndTheSharedBody() {
        byte[] body = "{\"title\":\"周界入侵：东墙\",\"n\":1}".getBytes(StandardCharsets.UTF_8);
        // a client-chosen subscription id with every character STOMP 1.2 escapes
        StompFrames.Frame f = StompFrames.message("/topic/alarms", "sub:1\\a\nb\rc", "s-7", body);
        assertThat(f.body()).as("the payload is shared, not copied").isSameAs(body);

        List<Message<byte[]>> decoded = new StompDecoder().decode(ByteBuffer.wrap(StompFrames.bytes(f)));
        assertThat(decoded).hasSize(1);
        StompHeaderAccessor h = StompHeaderAccessor.wrap(decoded.get(0));
        assertThat(h.getCommand()).isEqualTo(StompCommand.MESSAGE);
        assertThat(h.getDestination()).isEqualTo("/topic/alarms");
        assertThat(h.getSubscriptionId()).isEqualTo("sub:1\\a\nb\rc");
        assertThat(h.getMessageId()).isEqualTo("s-7");
        assertThat(h.getContentType().toString()).isEqualTo("application/json;charset=UTF-8");
        assertThat(h.getContentLength()).isEqualTo(body.length);
        assertThat(decoded.get(0).getPayload()).isEqualTo(body);
        assertThat(f.length()).isEqualTo(StompFrames.bytes(f).length);
    }

    @Test
    void framesOfTheSpringEncoderAreWholeAndCountTheirBytes() {
        StompFrames.Frame r = StompFrames.receipt("r-1");
        assertThat(r.body()).isNull();
        List<Message<byte[]>> decoded = new StompDecoder().decode(ByteBuffer.wrap(StompFrames.bytes(r)));
        assertThat(StompHeaderAccessor.wrap(decoded.get(0)).getReceiptId()).isEqualTo("r-1");
        assertThat(r.length()).isEqualTo(StompFrames.bytes(r).length);
    }
}
