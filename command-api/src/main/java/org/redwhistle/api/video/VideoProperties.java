package org.redwhistle.api.video;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Video settings: the ffmpeg the platform runs, the live relay's limits, and the RTSP credentials
 * of cameras. Credentials live only here (environment or a protected config file), never in a
 * device's attributes, which every role that lists devices may read.
 *
 * @param ffmpeg           the ffmpeg executable, a path or a name looked up on PATH
 * @param maxRelays        live relays (one ffmpeg per camera watched) running at once; one more is refused with 503
 * @param leaseTtl         a viewer lease lapses unless renewed within this time; the last lapse stops the relay
 * @param stopGrace        how long a stopped ffmpeg may take to exit after SIGTERM before it is killed
 * @param startTimeout     how long a relay may take to deliver its first picture before it is given up
 * @param logDir           where each ffmpeg's stderr is written (one file per process, overwritten on restart)
 * @param rtspCredentials  {@code user:password} per camera device id (key {@code default} for all others) put into
 *                         the RTSP URL's userinfo when the platform connects; absent = the URL as configured
 */
@ConfigurationProperties("redwhistle.video")
public record VideoProperties(
        @DefaultValue("ffmpeg") String ffmpeg,
        @DefaultValue("4") int maxRelays,
        @DefaultValue("30s") Duration leaseTtl,
        @DefaultValue("3s") Duration stopGrace,
        @DefaultValue("15s") Duration startTimeout,
        @DefaultValue("${java.io.tmpdir}/redwhistle-video/logs") Path logDir,
        Map<String, String> rtspCredentials) {

    public VideoProperties {
        rtspCredentials = rtspCredentials == null ? Map.of() : Map.copyOf(rtspCredentials);
    }

    /** The credentials for a camera, its own or the {@code default} entry. */
    public java.util.Optional<String> credentialsFor(String deviceId) {
        return java.util.Optional.ofNullable(rtspCredentials.getOrDefault(deviceId, rtspCredentials.get("default")));
    }
}
