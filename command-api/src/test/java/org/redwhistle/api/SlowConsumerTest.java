package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.StompTestClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A subscriber that stops reading is told (close 1008, "slow consumer") and dropped once its
 * bounded buffer is full, while a subscriber that keeps reading gets every message: the server's
 * memory is never the slow client's queue.
 */
class SlowConsumerTest extends IntegrationTest {

    @Autowired
    PushHub hub;

    /** A STOMP client that reads until its subscription is confirmed, then stops reading until told. */
    static final class StallingClient implements WebSocket.Listener {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final AtomicInteger messages = new AtomicInteger();
        volatile boolean reading = true;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                if (frame.startsWith("MESSAGE")) {
                    messages.incrementAndGet();
                }
                if (frame.startsWith("RECEIPT")) {
                    reading = false;
                    subscribed.complete(null);
                }
            }
            if (reading) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            closed.complete(status + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsToldAndDroppedWhileOthersGetEverything() throws Exception {
        long area = jdbc.sql("select area_id from app_user where username = 'operator'").query(Long.class).single();
        StallingClient slow = new StallingClient();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("v12.stomp")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), slow).get(10, TimeUnit.SECONDS);
        ws.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token("operator") + "\n\n\0", true).join();
        ws.sendText("SUBSCRIBE\nid:d\ndestination:/topic/devices\nreceipt:r\n\n\0", true).join();
        slow.subscribed.get(10, TimeUnit.SECONDS);

        try (StompTestClient steady = StompTestClient.open(port)) {
            steady.connect(token("operator"));
            steady.subscribe("d", "/topic/devices");
            String blob = "x".repeat(200_000);
            int sent = 200; // 40 MB: more than the socket buffers and the 4 MiB session buffer together
            // in steps of 2 MB that the reading subscriber takes in before the next: it never has much pending, the stalled one piles up
            for (int i = 0; i < sent; i++) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("deviceId", "slow-consumer-test");
                m.put("seq", i);
                m.put("blob", blob);
                hub.publish(Destinations.DEVICES, m, Audience.area(List.of(area)));
                if (i % 10 == 9) {
                    String last = "\"seq\":" + i + ",";
                    assertThat(steady.await(f -> f.body().contains(last), Duration.ofSeconds(30)))
                            .as("the subscriber that reads gets every message (%d)", i).isNotNull();
                }
            }
            slow.reading = true;
            ws.request(Long.MAX_VALUE);
            String close = slow.closed.get(30, TimeUnit.SECONDS);
            assertThat(close).startsWith("1008 ").contains("slow consumer");
            assertThat(slow.messages.get()).as("what it had pending was dropped with it").isLessThan(sent);
        }
    }
}
