package org.redwhistle.api.video.internal;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/** Serves the live view's socket at {@code /live}. */
@Configuration
class VideoConfig {

    @Bean
    HandlerMapping liveSocketMapping(LiveSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(LiveSocketHandler.PATH, handler), -1);
    }
}
