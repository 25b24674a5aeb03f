package org.redwhistle.api.login.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressTest {

    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new LoginProperties(5, 30, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofMinutes(15), List.of(proxies)));
    }

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        return MockServerHttpRequest.post("/api/v1/auth/token").remoteAddress(new InetSocketAddress(peer, 40000))
                .header(ClientAddress.FORWARDED_FOR, forwardedFor).build();
    }

    @Test
    void countsThePeerWhenNoProxyIsTrusted() {
        assertThat(trusting().of(from("10.0.0.7", "1.2.3.4"))).isEqualTo("10.0.0.7");
    }

    @Test
    void countsTheAddressTheTrustedBalancerAppended() {
        ClientAddress a = trusting("127.0.0.1");
        assertThat(a.of(from("127.0.0.1", "192.168.5.20"))).isEqualTo("192.168.5.20");
        // what the client put in front is its own claim; the balancer's entry is the last one
        assertThat(a.of(from("127.0.0.1", "6.6.6.6, 192.168.5.20"))).isEqualTo("192.168.5.20");
        assertThat(a.of(from("127.0.0.1", "6.6.6.6", "192.168.5.21"))).isEqualTo("192.168.5.21");
    }

    @Test
    void ignoresTheHeaderFromAPeerThatIsNoTrustedBalancer() {
        assertThat(trusting("127.0.0.1").of(from("10.0.0.9", "192.168.5.20"))).isEqualTo("10.0.0.9");
    }

    @Test
    void countsTheBalancerWhenItsHeaderIsMissingOrNoAddress() {
        ClientAddress a = trusting("127.0.0.1");
        assertThat(a.of(MockServerHttpRequest.post("/x").remoteAddress(new InetSocketAddress("127.0.0.1", 1)).build())).isEqualTo("127.0.0.1");
        assertThat(a.of(from("127.0.0.1", "evil.example"))).isEqualTo("127.0.0.1");
    }
}
