package org.redwhistle.api.demo.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo village.
 *
 * @param enabled  seed the Kuiwen demo village (areas, grids, devices, one user per role) at start
 * @param password the password of every demo user; from the environment (RW_DEMO_PASSWORD), never the repository
 * @param history  also replay a year of residents' requests through the real workflow (RW_DEMO_HISTORY), once
 * @param historyCount how many requests that year holds (about 2,000, like the figures in DOMAIN.md)
 * @param cameraStreams the base URL of the simulated cameras' RTSP server (scripts/camera-streams.py, RW_CAMERA_STREAMS),
 *                      e.g. {@code rtsp://127.0.0.1:8554/}; each demo camera's {@code streamUrl} is it plus the camera id;
 *                      empty: the demo cameras have no live video
 */
@ConfigurationProperties("redwhistle.demo")
public record DemoProperties(@DefaultValue("false") boolean enabled, String password, @DefaultValue("false") boolean history,
        @DefaultValue("2000") int historyCount, @DefaultValue("") String cameraStreams) {
}
