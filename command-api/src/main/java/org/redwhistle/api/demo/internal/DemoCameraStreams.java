package org.redwhistle.api.demo.internal;

import org.redwhistle.devices.contract.DemoVillagePlan;
import org.redwhistle.devices.contract.DeviceKind;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Points the demo cameras at the simulated cameras' RTSP server ({@code redwhistle.demo.camera-streams}):
 * each camera's {@code streamUrl} becomes the base plus its id, on every start, since the server's port
 * may change between runs. Without the setting the cameras are left as they are.
 */
@Component
@Order(100)
class DemoCameraStreams implements DemoPart {

    private final DemoProperties props;
    private final JdbcClient jdbc;

    DemoCameraStreams(DemoProperties props, JdbcClient jdbc) {
        this.props = props;
        this.jdbc = jdbc;
    }

    @Override
    public void seed() {
        String base = props.cameraStreams();
        if (base == null || base.isBlank()) {
            return;
        }
        String prefix = base.endsWith("/") ? base : base + "/";
        for (DemoVillagePlan.PlannedDevice d : DemoVillagePlan.devices()) {
            if (DeviceKind.CAMERA.equals(d.kind())) {
                jdbc.sql("update device set attributes = jsonb_set(coalesce(attributes, '{}'::jsonb), '{streamUrl}', to_jsonb(cast(:url as text)))"
                        + " where id = :id and kind = 'camera'")
                        .param("url", prefix + d.id()).param("id", d.id()).update();
            }
        }
    }
}
