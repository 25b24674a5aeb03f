package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.AppProcess;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.LoadBalancerProcess;
import org.redwhistle.testing.Reports;
import org.redwhistle.testing.StompTestClient;

/**
 * Two instances on one database and one broker behind the repository's HAProxy configuration: the
 * test's shared instance (rw-1, which ingests) and a second one as its own process (rw-2, no
 * ingestion, so the alarm below is raised the same way whichever instance ingests). REST with one
 * token lands on both; live video stays on one; an operator's STOMP session on rw-2 survives
 * rw-2's SIGKILL by reconnecting through the balancer, and the resync then shows the alarm raised
 * while it was away.
 */
class LoadBalancedInstancesTest extends IntegrationTest {

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void anyInstanceServesAndAClientOfAKilledInstanceReconnectsAndResynchronises() throws Exception {
        Path dir = Path.of("target", "lb-test");
        AppProcess second = new AppProcess(SERVICES, freePort(), "test-" + ProcessHandle.current().pid() + "-lb", SERVICES.demoPassword(), dir)
                .set("redwhistle.demo.enabled", "false").set("redwhistle.mqtt.enabled", "false")
                .set("redwhistle.security.login.trusted-proxies", "127.0.0.1");
        int secondPort = Integer.parseInt(second.baseUrl().substring(second.baseUrl().lastIndexOf(':') + 1));
        second.start();
        try (LoadBalancerProcess lb = LoadBalancerProcess.start(freePort(), List.of(port, secondPort), dir)) {
            String operator = token("operator");

            // (a) REST with one token: round robin over both instances, every answer right
            Set<String> served = new HashSet<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                HttpResponse<String> r = get(lb.port(), "/api/v1/alarms", operator);
                assertThat(r.statusCode()).isEqualTo(200);
                r.headers().firstValue("X-Red-Whistle-Instance").ifPresent(served::add);
                return served.containsAll(List.of("rw-1", "rw-2"));
            });
            // live video's lease and socket stay on one instance: by the client's address, not round robin
            Set<String> video = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                HttpResponse<String> r = get(lb.port(), "/api/v1/live", operator);
                assertThat(r.statusCode()).isEqualTo(200);
                video.add(r.headers().firstValue("X-Red-Whistle-Instance").orElseThrow());
            }
            assertThat(video).as("live video's requests from one address").hasSize(1);

            // (b) an operator's live session through the balancer, on rw-2
            StompTestClient ops = null;
            List<StompTestClient> onFirst = new ArrayList<>();
            for (int i = 0; i < 6 && ops == null; i++) {
                StompTestClient c = StompTestClient.open(lb.port());
                assertThat(c.connect(operator).command()).isEqualTo("CONNECTED");
                assertThat(c.subscribe("a", "/topic/alarms").command()).isEqualTo("RECEIPT");
                if (sessionsOn(secondPort) > 0) {
                    ops = c;
                } else {
                    onFirst.add(c);
                }
            }
            onFirst.forEach(StompTestClient::close);
            assertThat(ops).as("round robin put a session on rw-2").isNotNull();

            long killed = System.nanoTime();
            second.kill();
            // REST through the balancer right after the kill: a request rw-2 refuses is retried on rw-1, none fails
            int refusedAfterKill = 0;
            for (int i = 0; i < 20; i++) {
                if (get(lb.port(), "/api/v1/alarms", operator).statusCode() != 200) {
                    refusedAfterKill++;
                }
            }
            assertThat(refusedAfterKill).as("REST calls failed through the balancer after the kill").isZero();
            // while the operator is away, a wall alarm is raised (ingested by rw-1, the only ingesting instance)
            long alarm = raiseIntrusion("wall-02", "SHY-EAST", 119.1318, 36.7040);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(ops::closedByServer);
            long cut = ops.closedAtNanos();
            ops.close();

            // the client does what dashboard-web/src/live.ts does: a new session through the balancer, subscribe, resync
            long reconnecting = System.nanoTime();
            StompTestClient again = null;
            int attempts = 0;
            while (again == null) {
                attempts++;
                StompTestClient c = StompTestClient.open(lb.port());
                try {
                    if (c.connect(operator).command().equals("CONNECTED")) {
                        again = c;
                    }
                } catch (IllegalStateException refused) {
                    c.close();
                }
                if (again == null) {
                    assertThat(System.nanoTime() - killed).as("reconnected within 30 s").isLessThan(Duration.ofSeconds(30).toNanos());
                    Thread.sleep(250);
                }
            }
            try (StompTestClient reconnected = again) {
                assertThat(reconnected.subscribe("a", "/topic/alarms").command()).isEqualTo("RECEIPT");
                long subscribed = System.nanoTime();
                HttpResponse<String> resync = get(lb.port(), "/api/v1/alarms", operator);
                long resynced = System.nanoTime();
                assertThat(resync.statusCode()).isEqualTo(200);
                assertThat(resync.headers().firstValue("X-Red-Whistle-Instance")).contains("rw-1");
                assertThat(ids(resync.body())).as("the resync shows the alarm raised while the client was away").contains(alarm);

                // and the reconnected session gets what comes next, live
                long next = raiseIntrusion("wall-02", "SHY-EAST", 119.1318, 36.7040);
                assertThat(reconnected.await(f -> f.command().equals("MESSAGE") && ids("[" + f.body() + "]").contains(next), Duration.ofSeconds(10)))
                        .isNotNull();

                Reports.append("load-balancer.txt", String.format(
                        "load balancer (HAProxy): rw-2 SIGKILLed under a STOMP client: %d of 20 REST calls through the balancer failed right after; "
                                + "the client saw its connection cut %d ms after the kill; a new session through the balancer (on rw-1) was subscribed "
                                + "%d ms after it began (%d attempt%s); its resync (GET /api/v1/alarms) showed the alarm raised meanwhile %d ms later",
                        refusedAfterKill, ms(cut - killed), ms(subscribed - reconnecting), attempts, attempts == 1 ? "" : "s", ms(resynced - subscribed)));
            }

            // rw-2 is out of the balancer's rotation: REST keeps answering, from rw-1
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = get(lb.port(), "/api/v1/alarms", operator);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("X-Red-Whistle-Instance")).contains("rw-1");
            }
        } finally {
            second.stop();
        }
    }

    private HttpResponse<String> get(int port, String path, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** STOMP sessions open on the instance at {@code port} (its rw.push.sessions gauge). */
    private double sessionsOn(int port) throws Exception {
        HttpResponse<String> r = get(port, "/actuator/metrics/rw.push.sessions", token("admin"));
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).path("measurements").path(0).path("value").asDouble();
    }

    /** The ids of the alarms in a list (an array, or a page with items). */
    private static List<Long> ids(String body) {
        var json = JSON.readTree(body);
        var items = json.isArray() ? json : json.path("items");
        List<Long> out = new ArrayList<>();
        items.forEach(a -> out.add(a.path("id").asLong()));
        return out;
    }

    private static long ms(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
