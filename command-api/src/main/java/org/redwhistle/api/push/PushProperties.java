package org.redwhistle.api.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * STOMP push settings.
 *
 * @param sessionBufferFrames frames a session may have pending before it is dropped as a slow consumer
 * @param sessionBufferBytes  characters a session may have pending (position frames are large) before it is dropped
 * @param maxFrameBytes       largest inbound frame accepted
 * @param heartbeat           the server's heart-beat offer (both directions)
 */
@ConfigurationProperties("redwhistle.push")
public record PushProperties(
        @DefaultValue("2048") int sessionBufferFrames,
        @DefaultValue("16777216") long sessionBufferBytes,
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("10s") Duration heartbeat) {
}
