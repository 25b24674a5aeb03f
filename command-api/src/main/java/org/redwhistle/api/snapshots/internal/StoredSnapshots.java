package org.redwhistle.api.snapshots.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.snapshots.internal.SnapshotView.Analysis;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@code snapshot} table, which ingest's snapshot pipeline writes and analyses (its
 * {@code SnapshotStore} owns the table); this feature only reads it, behind its camera's access. The statements join {@code device} (owned by
 * the devices feature) and {@code area} (the geo engine's) for {@link DeviceScope#SQL}.
 */
@Component
class StoredSnapshots {

    private static final String FROM = " from snapshot s join device d on d.id = s.device_id join area a on a.id = d.area_id";

    private static final String SELECT = """
            select s.id, s.device_id, d.name, s.captured_at, s.received_at, s.event_msg_id, s.alarm_id, s.width, s.height, s.bytes, s.expires_at,
                   s.analysed_at, s.analysis_ms, s.people, s.person_score, s.motion, s.detections::text, s.analysis_error""" + FROM;

    /**
     * A face gate's pictures are faces of passers-by: only for those who may see the passages (the police,
     * face-passages.read); for anyone else they do not exist. Binds {@code :faces}.
     */
    private static final String FACES = " and (:faces or d.kind <> 'face_gate')";

    private static final String IMAGE = "select s.image" + FROM + " where s.id = :id" + DeviceScope.SQL + FACES;
    private static final String THUMBNAIL = "select s.thumbnail" + FROM + " where s.id = :id" + DeviceScope.SQL + FACES;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    StoredSnapshots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored JPEGs of a snapshot. */
    enum Picture {
        IMAGE, THUMBNAIL
    }

    /** Newest first; {@code deviceId}, {@code alarmId} and {@code since} filter when present. */
    List<SnapshotView> list(DeviceScope reach, boolean faces, String deviceId, Long alarmId, Instant since, int limit) {
        SqlFilter q = new SqlFilter()
                .and("s.device_id = :device", "device", deviceId)
                .and("s.alarm_id = :alarm", "alarm", alarmId)
                .and("s.captured_at >= :since", "since", since == null ? null : Timestamp.from(since))
                .param("limit", limit).param("faces", faces);
        reach.bind().forEach(q::param);
        String sql = SELECT + q.where() + DeviceScope.SQL + FACES + " order by s.captured_at desc, s.id desc limit :limit";
        return jdbc.sql(sql).params(q.params()).query(StoredSnapshots::view).list();
    }

    Optional<SnapshotView> find(DeviceScope reach, boolean faces, long id) {
        return jdbc.sql(SELECT + " where s.id = :id" + DeviceScope.SQL + FACES).param("id", id).param("faces", faces).params(reach.bind())
                .query(StoredSnapshots::view).optional();
    }

    Optional<byte[]> picture(DeviceScope reach, boolean faces, long id, Picture which) {
        return jdbc.sql(which == Picture.IMAGE ? IMAGE : THUMBNAIL).param("id", id).param("faces", faces).params(reach.bind()).query(byte[].class).optional();
    }

    private static SnapshotView view(ResultSet rs, int i) throws SQLException {
        long id = rs.getLong(1);
        Analysis analysis = rs.getTimestamp(12) == null ? null
                : new Analysis(rs.getTimestamp(12).toInstant(), number(rs, 13), (Integer) rs.getObject(14), number(rs, 15), number(rs, 16),
                        rs.getString(17) == null ? JSON.createArrayNode() : JSON.readTree(rs.getString(17)), rs.getString(18));
        return new SnapshotView(id, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                rs.getString(6), (Long) rs.getObject(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getTimestamp(11).toInstant(),
                "/api/v1/snapshots/" + id + "/image", "/api/v1/snapshots/" + id + "/thumbnail", analysis);
    }

    private static Double number(ResultSet rs, int col) throws SQLException {
        Object o = rs.getObject(col);
        return o == null ? null : Math.round(((Number) o).doubleValue() * 1000) / 1000.0;
    }
}
