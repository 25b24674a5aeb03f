package org.redwhistle.api.push.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.api.push.PushProperties;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * STOMP 1.2 over WebSocket on WebFlux (Spring has no reactive STOMP broker): spring-messaging
 * decodes frames, this handler speaks the protocol, {@link PushHub} fans out in-process.
 * CONNECT must carry {@code Authorization: Bearer <jwt>}; subscriptions are checked per role and
 * deliveries per area.
 */
@Component
public class StompWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(StompWebSocketHandler.class);

    private final ReactiveJwtDecoder jwt;
    private final PushHub hub;
    private final PushProperties props;

    public StompWebSocketHandler(ReactiveJwtDecoder jwt, PushHub hub, PushProperties props) {
        this.jwt = jwt;
        this.hub = hub;
        this.props = props;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of("v12.stomp", "v11.stomp", "v10.stomp");
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        StompSession session = new StompSession(ws, props.sessionBufferFrames(), props.sessionBufferBytes());
        // a socket that never authenticates holds a connection and a buffer: it gets connectTimeout to send CONNECT
        session.timer(Mono.delay(props.connectTimeout()).subscribe(t -> {
            if (session.user() == null) {
                log.info("STOMP session closed: session={} reason=no CONNECT within {} s", session.id(), props.connectTimeout().toSeconds());
                session.sendAndClose(StompFrames.error("connect timeout",
                        "no CONNECT within " + props.connectTimeout().toSeconds() + " s of opening the WebSocket", null));
            }
        }));
        BufferingStompDecoder decoder = new BufferingStompDecoder(new StompDecoder(), props.maxFrameBytes());
        Mono<Void> input = ws.receive()
                .map(m -> {
                    var buf = m.getPayload();
                    byte[] bytes = new byte[buf.readableByteCount()];
                    buf.read(bytes);
                    return bytes;
                })
                .concatMap(bytes -> {
                    session.received();
                    try {
                        return Flux.fromIterable(decoder.decode(ByteBuffer.wrap(bytes)));
                    } catch (RuntimeException e) {
                        session.sendAndClose(StompFrames.error("malformed frame", String.valueOf(e.getMessage()), null));
                        return Flux.empty();
                    }
                })
                .concatMap(frame -> onFrame(session, frame))
                .then();
        Mono<Void> output = ws.send(session.outbound().map(f -> textMessage(ws, f))).then(Mono.defer(ws::close));
        return Mono.when(input.doFinally(s -> session.close()), output)
                .doFinally(s -> hub.remove(session));
    }

    /** A text message of the frame's parts as they are (a MESSAGE's payload is shared by every session, not copied). */
    private static WebSocketMessage textMessage(WebSocketSession ws, StompFrames.Frame f) {
        DataBufferFactory buffers = ws.bufferFactory();
        DataBuffer payload = f.body() == null ? buffers.wrap(f.head())
                : buffers.join(List.of(buffers.wrap(f.head()), buffers.wrap(f.body()), buffers.wrap(StompFrames.NUL)));
        return new WebSocketMessage(WebSocketMessage.Type.TEXT, payload);
    }

    private Mono<Void> onFrame(StompSession session, Message<byte[]> frame) {
        StompHeaderAccessor h = StompHeaderAccessor.wrap(frame);
        StompCommand cmd = h.getCommand();
        if (cmd == null) {
            return Mono.empty(); // a heart-beat
        }
        String receipt = h.getReceipt();
        switch (cmd) {
            case CONNECT, STOMP -> {
                return connect(session, h);
            }
            case DISCONNECT -> {
                session.sendAndClose(receipt == null ? StompFrames.HEARTBEAT : StompFrames.receipt(receipt));
                return Mono.empty();
            }
            default -> {
            }
        }
        if (!session.isConnected()) {
            session.sendAndClose(StompFrames.error("not connected", "send CONNECT with an Authorization header first", receipt));
            return Mono.empty();
        }
        switch (cmd) {
            case SUBSCRIBE -> subscribe(session, h);
            case UNSUBSCRIBE -> {
                session.unsubscribe(String.valueOf(h.getSubscriptionId()));
                receipt(session, receipt);
            }
            case SEND -> session.sendAndClose(StompFrames.error("SEND is not supported",
                    "clients act through the REST API; STOMP is for receiving", receipt));
            case ACK, NACK, BEGIN, COMMIT, ABORT -> receipt(session, receipt);
            default -> session.sendAndClose(StompFrames.error("unexpected frame", cmd.name(), receipt));
        }
        return Mono.empty();
    }

    private Mono<Void> connect(StompSession session, StompHeaderAccessor h) {
        if (session.isConnected()) {
            session.sendAndClose(StompFrames.error("already connected", "CONNECT was sent twice", h.getReceipt()));
            return Mono.empty();
        }
        Set<String> versions = h.getAcceptVersion();
        String version = versions == null || versions.isEmpty() || versions.contains("1.2") ? "1.2"
                : versions.contains("1.1") ? "1.1" : "1.0";
        String auth = h.getFirstNativeHeader("Authorization");
        if (auth == null) {
            auth = h.getFirstNativeHeader("authorization");
        }
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            session.sendAndClose(StompFrames.error("authentication required",
                    "CONNECT needs the header 'Authorization: Bearer <token>' (POST /api/v1/auth/token)", h.getReceipt()));
            return Mono.empty();
        }
        long[] clientBeat = h.getHeartbeat();
        return jwt.decode(auth.substring(7).trim())
                .doOnNext(token -> {
                    CurrentUser user = CurrentUser.of(token);
                    session.authenticated(user);
                    expireAt(session, token.getExpiresAt());
                    long send = clientBeat[1] > 0 ? Math.max(props.heartbeat().toMillis(), clientBeat[1]) : 0;
                    long expect = clientBeat[0] > 0 ? Math.max(props.heartbeat().toMillis(), clientBeat[0]) : 0;
                    session.send(StompFrames.connected(version, send, expect, user.username()));
                    log.info("STOMP session connected: session={} user={} role={} heartBeat={},{}", session.id(), user.username(),
                            user.role(), send, expect);
                    startHeartbeats(session, send, expect);
                    hub.add(session);
                })
                .onErrorResume(e -> {
                    log.info("STOMP CONNECT refused: session={} reason={}", session.id(), e.getMessage());
                    session.sendAndClose(StompFrames.error("authentication failed", "the token is invalid or expired", h.getReceipt()));
                    return Mono.empty();
                })
                .then();
    }

    private void subscribe(StompSession session, StompHeaderAccessor h) {
        String dest = h.getDestination();
        String id = h.getSubscriptionId();
        if (dest == null || id == null) {
            session.sendAndClose(StompFrames.error("bad SUBSCRIBE", "destination and id headers are required", h.getReceipt()));
            return;
        }
        Permission needed = AccessPolicy.destination(dest).orElse(null);
        if (needed == null) {
            session.sendAndClose(StompFrames.error("unknown destination", dest + " does not exist", h.getReceipt()));
            return;
        }
        Role role = session.user().role();
        Scope scope = AccessPolicy.scope(role, needed).filter(s -> Destinations.serves(dest, s)).orElse(null);
        if (scope == null) {
            log.info("STOMP subscription refused: user={} role={} destination={}", session.user().username(), role, dest);
            session.sendAndClose(StompFrames.error("forbidden destination",
                    "role " + role + " (" + role.label() + ") may not " + needed.does() + " (" + needed.key() + ")", h.getReceipt()));
            return;
        }
        if (!session.hasSubscription(id) && session.subscriptionCount() >= props.maxSubscriptions()) {
            session.sendAndClose(StompFrames.error("too many subscriptions",
                    "a session may hold at most " + props.maxSubscriptions() + " subscriptions", h.getReceipt()));
            return;
        }
        session.subscribe(id, dest);
        receipt(session, h.getReceipt());
    }

    /**
     * A session lives no longer than the token it connected with: at its expiry the client gets an
     * ERROR and the connection is closed (the dashboard connects again with a refreshed token first).
     */
    private static void expireAt(StompSession session, java.time.Instant expiresAt) {
        if (expiresAt == null) {
            return;
        }
        Duration left = Duration.between(java.time.Instant.now(), expiresAt);
        session.timer(Mono.delay(left.isNegative() ? Duration.ZERO : left).subscribe(t -> {
            log.info("STOMP session closed: session={} user={} reason=token expired", session.id(), session.user().username());
            session.sendAndClose(StompFrames.error("token expired",
                    "the token this session connected with expired at " + expiresAt + "; CONNECT again with a fresh token", null));
        }));
    }

    private static void receipt(StompSession session, String receipt) {
        if (receipt != null) {
            session.send(StompFrames.receipt(receipt));
        }
    }

    /** Sends heart-beats at the agreed rate and drops a client silent for three of its intervals. */
    private static void startHeartbeats(StompSession session, long sendMs, long expectMs) {
        if (sendMs <= 0 && expectMs <= 0) {
            return;
        }
        long tick = sendMs > 0 ? sendMs : expectMs;
        session.timer(Flux.interval(Duration.ofMillis(tick)).subscribe(t -> {
            if (expectMs > 0 && System.currentTimeMillis() - session.lastReceivedMs() > 3 * expectMs) {
                session.sendAndClose(StompFrames.error("heart-beat timeout", "no frame or heart-beat received in time", null));
                return;
            }
            if (sendMs > 0) {
                session.send(StompFrames.HEARTBEAT);
            }
        }));
    }
}
