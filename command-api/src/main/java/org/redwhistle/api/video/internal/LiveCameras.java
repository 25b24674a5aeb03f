package org.redwhistle.api.video.internal;

import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.devices.DeviceScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cameras a caller may watch: those inside the reach video.live grants them ({@link DeviceScope},
 * as for snapshots), beyond it as if they did not exist. Reads the devices feature's {@code device}
 * table for this one question.
 */
@Component
class LiveCameras {

    /** A camera as the live view names it. */
    record Camera(String id, String name) {
    }

    private final JdbcClient jdbc;

    LiveCameras(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Camera> find(Caller caller, String id) {
        DeviceScope scope = DeviceScope.of(caller);
        Map<String, Object> params = new java.util.HashMap<>(scope.bind());
        params.put("id", id);
        return jdbc.sql("select d.id, d.name from device d join area a on a.id = d.area_id where d.id = :id and d.kind = 'camera'"
                        + DeviceScope.SQL)
                .params(params)
                .query((rs, i) -> new Camera(rs.getString("id"), rs.getString("name")))
                .optional();
    }
}
