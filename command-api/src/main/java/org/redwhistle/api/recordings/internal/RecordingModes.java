package org.redwhistle.api.recordings.internal;

import java.util.List;
import java.util.Optional;

import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.recordings.RecordingMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code camera_recording} table: each camera's recording mode; a camera without a row records in
 * {@code redwhistle.recordings.default-mode}. Reads {@code device} and {@code area} (the devices feature's and the
 * geo engine's) to list the cameras and apply {@link DeviceScope#SQL}.
 */
@Component
class RecordingModes {

    /** A camera's recording setting as the API shows it; {@code own}: set for this camera rather than the default. */
    record CameraSetting(String cameraId, String name, String areaName, RecordingMode mode, boolean own, boolean streamConfigured,
            String updatedBy, java.time.Instant updatedAt) {
    }

    /** A camera the recorders may record: enabled, with its mode and the raw stream attribute. */
    record Recordable(String cameraId, RecordingMode mode, String streamAttribute) {
    }

    private final JdbcClient jdbc;
    private final RecordingProperties props;

    RecordingModes(JdbcClient jdbc, RecordingProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** Every enabled camera with its effective mode (OFF included). */
    List<Recordable> recordable() {
        return jdbc.sql("""
                select d.id, r.mode, d.attributes->>'streamUrl' url from device d left join camera_recording r on r.camera_id = d.id
                where d.kind = 'camera' and d.state <> 'DISABLED' order by d.id""")
                .query((rs, i) -> new Recordable(rs.getString("id"), mode(rs.getString("id"), rs.getString("mode")), rs.getString("url"))).list();
    }

    /** The effective mode of one camera. */
    RecordingMode modeOf(String cameraId) {
        return jdbc.sql("select mode from camera_recording where camera_id = ?").param(cameraId).query(String.class).optional()
                .map(RecordingMode::valueOf).orElse(props.defaultFor(cameraId));
    }

    List<CameraSetting> settings(DeviceScope reach) {
        return jdbc.sql(SETTINGS + " where d.kind = 'camera'" + DeviceScope.SQL + " order by d.id").params(reach.bind())
                .query(this::setting).list();
    }

    Optional<CameraSetting> setting(DeviceScope reach, String cameraId) {
        return jdbc.sql(SETTINGS + " where d.kind = 'camera' and d.id = :id" + DeviceScope.SQL).param("id", cameraId).params(reach.bind())
                .query(this::setting).optional();
    }

    void set(String cameraId, RecordingMode mode, String actor) {
        jdbc.sql("""
                insert into camera_recording (camera_id, mode, updated_by, updated_at) values (?, ?, ?, now())
                on conflict (camera_id) do update set mode = excluded.mode, updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(cameraId, mode.name(), actor).update();
    }

    private static final String SETTINGS = """
            select d.id, d.name, a.name area_name, r.mode, r.updated_by, r.updated_at, (d.attributes->>'streamUrl') is not null stream
            from device d join area a on a.id = d.area_id left join camera_recording r on r.camera_id = d.id""";

    private CameraSetting setting(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        String own = rs.getString("mode");
        java.sql.Timestamp at = rs.getTimestamp("updated_at");
        return new CameraSetting(rs.getString("id"), rs.getString("name"), rs.getString("area_name"), mode(rs.getString("id"), own), own != null,
                rs.getBoolean("stream"), rs.getString("updated_by"), at == null ? null : at.toInstant());
    }

    private RecordingMode mode(String cameraId, String own) {
        return own == null ? props.defaultFor(cameraId) : RecordingMode.valueOf(own);
    }
}
