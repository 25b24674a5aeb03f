package org.redwhistle.api.push.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.redwhistle.api.security.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * One STOMP connection: its user, its subscriptions and an outbound buffer bounded in frames and in
 * bytes. A client that lets it fill is told (close status 1008) and dropped; the server's memory is
 * never its queue.
 */
public final class StompSession {

    private static final Logger log = LoggerFactory.getLogger(StompSession.class);

    private final WebSocketSession ws;
    private final int bufferFrames;
    private final long bufferBytes;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final Sinks.Many<StompFrames.Frame> out;
    private final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong messageIds = new AtomicLong();
    private volatile CurrentUser user;
    private volatile long lastReceivedMs = System.currentTimeMillis();
    private final java.util.List<Disposable> timers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    StompSession(WebSocketSession ws, int bufferFrames, long bufferBytes) {
        this.ws = ws;
        this.bufferFrames = bufferFrames;
        this.bufferBytes = bufferBytes;
        this.out = Sinks.many().unicast().onBackpressureBuffer(Queues.<StompFrames.Frame>get(bufferFrames).get());
    }

    public String id() {
        return ws.getId();
    }

    public CurrentUser user() {
        return user;
    }

    void authenticated(CurrentUser u) {
        this.user = u;
    }

    boolean isConnected() {
        return user != null && !closed;
    }

    /** What to write, frame by frame; a frame leaves the pending count as the connection takes it. */
    Flux<StompFrames.Frame> outbound() {
        return out.asFlux().doOnNext(f -> pendingBytes.addAndGet(-f.length()));
    }

    void subscribe(String id, String destination) {
        subscriptions.put(id, destination);
    }

    boolean unsubscribe(String id) {
        return subscriptions.remove(id) != null;
    }

    void received() {
        lastReceivedMs = System.currentTimeMillis();
    }

    long lastReceivedMs() {
        return lastReceivedMs;
    }

    /** A timer of this session (heart-beats, the CONNECT deadline, the token's expiry), cancelled when it closes. */
    void timer(Disposable d) {
        timers.add(d);
        if (closed) {
            d.dispose();
        }
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    boolean hasSubscription(String id) {
        return subscriptions.containsKey(id);
    }

    /** True when this session has a subscription on the destination. */
    public boolean subscribedTo(String destination) {
        return subscriptions.containsValue(destination);
    }

    /** Delivers a payload to every subscription of this session on the destination; returns the frames sent. */
    public int deliver(String destination, byte[] json) {
        if (!isConnected()) {
            return 0;
        }
        int sent = 0;
        for (Map.Entry<String, String> sub : subscriptions.entrySet()) {
            if (sub.getValue().equals(destination)) {
                send(StompFrames.message(destination, sub.getKey(), id() + "-" + messageIds.incrementAndGet(), json));
                sent++;
            }
        }
        return sent;
    }

    /** Several threads publish; the sink wants one at a time. */
    synchronized void send(StompFrames.Frame frame) {
        if (closed) {
            return;
        }
        if (pendingBytes.addAndGet(frame.length()) > bufferBytes) {
            drop("more than " + bufferBytes + " bytes pending");
            return;
        }
        Sinks.EmitResult r = out.tryEmitNext(frame);
        if (r == Sinks.EmitResult.FAIL_OVERFLOW) {
            drop("more than " + bufferFrames + " frames pending");
        }
    }

    /** A client that cannot keep up is told why (close status 1008) and dropped; what it had pending is discarded. */
    private void drop(String why) {
        closed = true;
        out.tryEmitComplete();
        log.warn("STOMP session dropped as a slow consumer: session={} user={} ({})", id(), user == null ? null : user.username(), why);
        ws.close(new CloseStatus(1008, "slow consumer: " + why)).subscribe();
    }

    /** Sends a last frame (ERROR, or the RECEIPT of a DISCONNECT) and ends the connection. */
    synchronized void sendAndClose(StompFrames.Frame frame) {
        if (closed) {
            return;
        }
        out.tryEmitNext(frame);
        close();
    }

    synchronized void close() {
        closed = true;
        out.tryEmitComplete();
        timers.forEach(Disposable::dispose);
    }
}
