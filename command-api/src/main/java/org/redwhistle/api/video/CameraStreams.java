package org.redwhistle.api.video;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where a camera's live picture comes from: the RTSP URL in its device attribute {@code streamUrl}
 * (set by whoever registers or edits the camera; validated to {@code rtsp://} without userinfo on edit).
 * The URL the platform connects to adds the camera's credentials from
 * {@code redwhistle.video.rtsp-credentials} ({@link VideoProperties}), so passwords never sit in
 * device attributes, which every role that lists devices reads.
 *
 * <p>Reads the {@code device} table owned by the devices feature, one column, for this question only
 * (as {@code devices.CameraCoverage} does).
 */
@Component
public class CameraStreams {

    private final JdbcClient jdbc;
    private final VideoProperties properties;

    public CameraStreams(JdbcClient jdbc, VideoProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The camera's stream URL as configured (no credentials): what may be shown. Empty for unknown devices, other kinds, or no URL. */
    public Optional<URI> configuredUrl(String deviceId) {
        return jdbc.sql("select attributes->>'streamUrl' from device where id = :id and kind = 'camera'")
                .param("id", deviceId)
                .query((rs, i) -> rs.getString(1))
                .optional()
                .filter(u -> u != null && !u.isBlank())
                .flatMap(CameraStreams::parse);
    }

    /** The URL to connect to: the configured one with the camera's credentials, if any. Never log or show it. */
    public Optional<URI> connectUrl(String deviceId) {
        return configuredUrl(deviceId).map(u -> properties.credentialsFor(deviceId).map(c -> withUserInfo(u, c)).orElse(u));
    }

    private static Optional<URI> parse(String value) {
        try {
            return Optional.of(new URI(value.trim()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static URI withUserInfo(URI u, String userInfo) {
        try {
            return new URI(u.getScheme(), userInfo, u.getHost(), u.getPort(), u.getPath(), u.getQuery(), u.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad stream URL for credentials", e);
        }
    }
}
