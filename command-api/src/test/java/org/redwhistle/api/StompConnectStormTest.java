package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

/**
 * Clients send CONNECT the instant the WebSocket opens. When the upgrade ran off the connection's
 * event loop, about one such first frame in a thousand reached the channel before the pipeline
 * switched and was dropped (see EventLoopHandshake). A thousand sessions, none may lose its CONNECT.
 */
class StompConnectStormTest extends IntegrationTest {

    @Test
    void aThousandSessionsThatSendConnectImmediatelyAreAllConnected() throws Exception {
        String token = token("operator");
        HttpClient http = HttpClient.newHttpClient();
        AtomicInteger refused = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        for (int batch = 0; batch < 20; batch++) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            List<WebSocket> sockets = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                CompletableFuture<String> answer = new CompletableFuture<>();
                WebSocket ws = http.newWebSocketBuilder().subprotocols("v12.stomp").buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"),
                        new WebSocket.Listener() {
                            final StringBuilder text = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                text.append(data);
                                if (last && (text.indexOf("RECEIPT") >= 0 || text.indexOf("ERROR") >= 0)) {
                                    answer.complete(text.toString());
                                }
                                w.request(1);
                                return null;
                            }
                        }).join();
                // the JDK client allows one send in flight: the second waits for the first to leave, as a browser's would queue it
                ws.sendText("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\0", true).join();
                ws.sendText("SUBSCRIBE\nid:a\ndestination:/topic/alarms\nreceipt:r\n\n\0", true).join();
                answers.add(answer);
                sockets.add(ws);
            }
            for (CompletableFuture<String> a : answers) {
                String got;
                try {
                    got = a.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    got = "no answer in 10 s";
                }
                if (!got.contains("RECEIPT")) {
                    refused.incrementAndGet();
                    failures.add(got.lines().limit(3).toList().toString());
                }
            }
            sockets.forEach(WebSocket::abort);
        }
        assertThat(failures).as("sessions whose CONNECT was lost").isEmpty();
        assertThat(refused.get()).isZero();
    }
}
