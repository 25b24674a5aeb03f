package org.redwhistle.api.push;

import java.util.Map;

import org.redwhistle.api.push.internal.EventLoopHandshake;
import org.redwhistle.api.push.internal.StompWebSocketHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/** Serves STOMP at {@code /ws}. */
@Configuration
public class PushConfig {

    @Bean
    HandlerMapping stompMapping(StompWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", handler), -1);
    }

    /** The upgrade on the connection's event loop: see {@link EventLoopHandshake}. */
    @Bean
    WebFluxConfigurer eventLoopWebSocketHandshake() {
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return new EventLoopHandshake(new HandshakeWebSocketService());
            }
        };
    }
}
