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
 * @param connectTimeout      how long a WebSocket may stay open without a STOMP CONNECT before it is closed
 * @param maxSubscriptions    subscriptions one session may hold; one more is answered with ERROR and the session closed
 * @param alarmRepeatInterval at most one frame per alarm per interval for repeats of the same alarm (the newest, with its count)
 */
@ConfigurationProperties("redwhistle.push")
public record PushProperties(
        @DefaultValue("2048") int sessionBufferFrames,
        @DefaultValue("16777216") long sessionBufferBytes,
        @DefaultValue("65536") int maxFrameBytes,
        @DefaultValue("10s") Duration heartbeat,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("16") int maxSubscriptions,
        @DefaultValue("1s") Duration alarmRepeatInterval) {
}
