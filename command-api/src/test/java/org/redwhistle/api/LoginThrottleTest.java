package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.netty.http.client.HttpClient;

/**
 * Issue 16, finding 6: passwords cannot be guessed without limit, and a login answers alike for a
 * user name that exists and one that does not. Each test logs in from its own loopback address
 * (127.0.0.x) and with accounts of its own, so it throttles nobody else.
 */
class LoginThrottleTest extends IntegrationTest {

    @Autowired
    PasswordEncoder passwords;

    private String user;

    @BeforeEach
    void anAccountOfItsOwn() {
        user = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("insert into app_user (username, display_name, password_hash, role, area_id) values (?, '探针', ?, 'RESIDENT', "
                + "(select id from area where code = '370705001001'))").params(user, passwords.encode("right-password")).update();
    }

    private WebTestClient from(String address) {
        HttpClient client = HttpClient.create().bindAddress(() -> new InetSocketAddress(address, 0));
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(client)).baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private EntityExchangeResult<byte[]> login(WebTestClient client, String username, String password) {
        return client.post().uri("/api/v1/auth/token").bodyValue(Map.of("username", username, "password", password)).exchange()
                .expectBody().returnResult();
    }

    @Test
    void aUserNameIsBlockedAfterFiveFailuresWithAGrowingBackOffAndFailuresAreAudited() throws Exception {
        WebTestClient client = from("127.0.0.2");
        for (int i = 0; i < 5; i++) {
            assertThat(login(client, user, "guess-" + i).getStatus().value()).isEqualTo(401);
        }
        EntityExchangeResult<byte[]> sixth = login(client, user, "guess-5");
        assertThat(sixth.getStatus().value()).as("the sixth failure starts a block").isEqualTo(401);
        EntityExchangeResult<byte[]> blocked = login(client, user, "right-password");
        assertThat(blocked.getStatus().value()).as("blocked: even the right password waits").isEqualTo(429);
        long wait = Long.parseLong(blocked.getResponseHeaders().getFirst("Retry-After"));
        assertThat(wait).isBetween(1L, 2L);
        assertThat(JSON.readTree(blocked.getResponseBody()).path("title").asText()).isEqualTo("Too many attempts");
        // another address is blocked for this name too: the name is what is being guessed
        assertThat(login(from("127.0.0.5"), user, "right-password").getStatus().value()).isEqualTo(429);

        Thread.sleep(wait * 1000 + 200);
        assertThat(login(client, user, "guess-6").getStatus().value()).as("the seventh failure").isEqualTo(401);
        long longer = Long.parseLong(login(client, user, "right-password").getResponseHeaders().getFirst("Retry-After"));
        assertThat(longer).as("the back-off doubled").isGreaterThanOrEqualTo(2);
        Thread.sleep(longer * 1000 + 200);
        assertThat(login(client, user, "right-password").getStatus().value()).isEqualTo(200);
        assertThat(login(client, user, "guess-7").getStatus().value()).as("a success starts the count afresh").isEqualTo(401);

        assertThat(jdbc.sql("select count(*) from audit_log where entity = 'user' and entity_id = ? and action in ('auth.login.failed', "
                + "'auth.login.blocked') and detail->>'address' = '127.0.0.2'").param(user).query(Long.class).single()).isEqualTo(8);
        assertThat(jdbc.sql("select count(*) from audit_log where entity_id = ? and action = 'auth.login.blocked'").param(user)
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void anAddressGuessingManyNamesIsBlockedForEveryName() {
        WebTestClient client = from("127.0.0.3");
        for (int i = 0; i < 30; i++) {
            assertThat(login(client, "nobody-" + UUID.randomUUID(), "x").getStatus().value()).isEqualTo(401);
        }
        assertThat(login(client, "nobody-" + UUID.randomUUID(), "x").getStatus().value()).as("the 31st failure starts a block").isEqualTo(401);
        EntityExchangeResult<byte[]> blocked = login(client, user, "right-password");
        assertThat(blocked.getStatus().value()).isEqualTo(429);
        assertThat(blocked.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
        assertThat(login(from("127.0.0.6"), user, "right-password").getStatus().value()).as("from elsewhere the account works").isEqualTo(200);
    }

    @Test
    void anUnknownUserNameCostsWhatAKnownOneDoes() {
        WebTestClient client = from("127.0.0.4");
        login(client, "warm-up-" + UUID.randomUUID(), "x");
        List<Long> unknown = new ArrayList<>();
        List<Long> known = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            unknown.add(timed(() -> login(client, "nobody-" + UUID.randomUUID(), "wrong")));
            known.add(timed(() -> login(client, user, "wrong-" + UUID.randomUUID())));
        }
        long u = median(unknown);
        long k = median(known);
        // before: ~7 ms against ~75 ms (no password check for an unknown name); both now check a bcrypt hash
        assertThat(u).as("unknown %d ms, known %d ms", u / 1_000_000, k / 1_000_000).isGreaterThan(k / 2);
        assertThat(login(client, "nobody-else", "x").getResponseBody()).isEqualTo(login(client, user, "wrong-again").getResponseBody());
    }

    private static long timed(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(Long::compare);
        return s.get(s.size() / 2);
    }
}
