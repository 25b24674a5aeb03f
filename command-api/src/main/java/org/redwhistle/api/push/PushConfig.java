package org.redwhistle.api.push;

import java.util.Map;

import org.redwhistle.api.push.internal.StompWebSocketHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Serves STOMP at {@code /ws}. */
@Configuration
public class PushConfig {

    @Bean
    HandlerMapping stompMapping(StompWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", handler), -1);
    }
}
