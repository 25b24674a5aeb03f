package org.redwhistle.api.push.internal;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;

import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Runs the WebSocket upgrade on the connection's own event loop. When the upgrade ran on another
 * thread (it did, on Reactor's parallel scheduler), a client's first frames, sent right after the
 * 101 response, could reach the channel before the pipeline was switched; the finished HTTP
 * request's inbound then dropped them ("dropping frame", seen at DEBUG) and the STOMP CONNECT was
 * lost, about once per thousand connections. On the event loop, reads wait until the switch is done.
 */
public final class EventLoopHandshake implements WebSocketService {

    private final WebSocketService delegate;

    public EventLoopHandshake(WebSocketService delegate) {
        this.delegate = delegate;
    }

    @Override
    public Mono<Void> handleRequest(ServerWebExchange exchange, WebSocketHandler handler) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            EventLoop loop = connection.channel().eventLoop();
            if (!loop.inEventLoop()) {
                return Mono.defer(() -> delegate.handleRequest(exchange, handler)).subscribeOn(Schedulers.fromExecutor(loop));
            }
        }
        return delegate.handleRequest(exchange, handler);
    }
}
