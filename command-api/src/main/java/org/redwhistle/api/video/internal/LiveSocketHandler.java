package org.redwhistle.api.video.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * {@code /live}: a camera's picture to a browser. The first text message is a live lease id
 * (POST /api/v1/cameras/{id}/live, which checked video.live and the camera's area); anything else, or
 * nothing within 10 s, closes the socket (4401). Then: one text message with the codec, the init
 * segment and the fragments since the last keyframe, then each new fragment, as binary messages. A
 * socket that falls {@value #QUEUE} pieces behind, or whose relay ends, is closed (4410).
 */
@Component
class LiveSocketHandler implements WebSocketHandler {

    static final String PATH = "/live";
    private static final int QUEUE = 64;
    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);

    private final LiveRelays relays;
    private final org.redwhistle.api.video.VideoProperties props;

    LiveSocketHandler(LiveRelays relays, org.redwhistle.api.video.VideoProperties props) {
        this.relays = relays;
        this.props = props;
    }

    @Override
    public Mono<Void> handle(WebSocketSession ws) {
        AtomicBoolean presented = new AtomicBoolean();
        Disposable timer = Mono.delay(Duration.ofSeconds(10)).subscribe(t -> {
            if (!presented.get()) {
                ws.close(new CloseStatus(4401, "需要有效的直播租约 (send a live lease id first)")).subscribe();
            }
        });
        return ws.receive()
                .map(m -> m.getPayloadAsText().trim())
                .switchOnFirst((first, rest) -> {
                    if (!first.hasValue()) {
                        return rest.then();
                    }
                    presented.set(true);
                    timer.dispose();
                    // whatever the browser sends later is ignored (then() drops the elements); its closing ends the stream
                    Mono<Void> browserGone = rest.then();
                    return Mono.fromCallable(() -> ready(first.get())).subscribeOn(Schedulers.boundedElastic())
                            .flatMap(relay -> relay.map(r -> stream(ws, r, browserGone))
                                    .orElseGet(() -> ws.close(new CloseStatus(4410, "无视频源 (no picture from the camera)"))))
                            .switchIfEmpty(Mono.defer(() -> ws.close(new CloseStatus(4401, "直播租约无效或已过期 (no such live lease)"))));
                })
                .then()
                .doFinally(s -> timer.dispose());
    }

    /** The lease's relay once it has a picture; empty (as a present Optional) when it gets none in time. */
    private Optional<Relay> ready(String leaseId) throws InterruptedException {
        Optional<Relay> relay = relays.relayOf(leaseId);
        if (relay.isEmpty()) {
            return null; // no such lease: Mono.fromCallable(null) is empty
        }
        return relay.get().awaitPicture(props.startTimeout()) ? relay : Optional.empty();
    }

    private Mono<Void> stream(WebSocketSession ws, Relay relay, Mono<Void> browserGone) {
        Sinks.Many<Fmp4Reader.Piece> queue = Sinks.many().unicast().onBackpressureBuffer(new java.util.concurrent.ArrayBlockingQueue<>(QUEUE));
        Relay.Viewer viewer = new Relay.Viewer() {
            @Override
            public boolean offer(Fmp4Reader.Piece piece) {
                return queue.tryEmitNext(piece).isSuccess();
            }

            @Override
            public void ended() {
                queue.tryEmitComplete();
            }
        };
        String codec = relay.codec();
        if (!relay.attach(viewer)) {
            return ws.close(new CloseStatus(4410, "无视频源 (no picture)"));
        }
        Mono<Void> send = ws.send(reactor.core.publisher.Flux.concat(
                Mono.just(ws.textMessage("{\"codec\":\"" + codec + "\"}")),
                queue.asFlux().map(p -> ws.binaryMessage(f -> f.wrap(p.bytes())))));
        return Mono.firstWithSignal(send, browserGone)
                .doFinally(s -> {
                    relay.detach(viewer);
                    log.debug("live socket closed camera={} signal={}", relay.cameraId(), s);
                })
                .then(Mono.defer(() -> ws.isOpen() ? ws.close(new CloseStatus(4410, "直播已结束 (the relay ended)")) : Mono.empty()));
    }
}
