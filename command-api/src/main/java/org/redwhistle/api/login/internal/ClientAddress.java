package org.redwhistle.api.login.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The address a request came from, as login throttling and the audit log count it. Directly, that
 * is the peer of the connection. Behind a load balancer every peer is the balancer, so one client's
 * failed guesses would block everybody: a request whose peer is one of
 * {@code redwhistle.security.login.trusted-proxies} is counted by the last address in its
 * {@code X-Forwarded-For} (the one the balancer appended; earlier entries came from the client and
 * could be anything). From any other peer the header is ignored, so a client cannot pick its address.
 */
@Component
public class ClientAddress {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final Set<InetAddress> trusted;

    public ClientAddress(LoginProperties props) {
        this.trusted = props.trustedProxies().stream().map(String::trim).filter(s -> !s.isEmpty()).map(ClientAddress::literal)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The client's address as text; "unknown" when the connection has none. */
    public String of(ServerHttpRequest request) {
        InetSocketAddress peer = request.getRemoteAddress();
        if (peer == null || peer.getAddress() == null) {
            return "unknown";
        }
        InetAddress address = peer.getAddress();
        if (trusted.contains(address)) {
            List<String> forwarded = request.getHeaders().getValuesAsList(FORWARDED_FOR);
            if (!forwarded.isEmpty()) {
                String last = forwarded.get(forwarded.size() - 1).trim();
                try {
                    return literal(last).getHostAddress();
                } catch (IllegalArgumentException e) {
                    return address.getHostAddress(); // not what a balancer appends: count the balancer
                }
            }
        }
        return address.getHostAddress();
    }

    /** An IP address literal (never a name lookup); a setting or a header that is no address fails. */
    private static InetAddress literal(String text) {
        String s = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!s.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text, e);
        }
    }
}
