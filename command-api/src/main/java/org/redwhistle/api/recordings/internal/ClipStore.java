package org.redwhistle.api.recordings.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.devices.DeviceScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code alarm_clip} table: an alarm's clip per covering camera, from the moment it is wanted (PENDING, its
 * window fixed) to its file (READY) or the reason there is none (FAILED). Reads {@code device} and {@code area} for
 * {@link DeviceScope#SQL}: a clip is seen by whoever sees its camera.
 */
@Component
class ClipStore {

    /** A clip as the API shows it; {@code path} relative to the recordings directory (not shown). */
    record Clip(long id, long alarmId, String cameraId, String cameraName, Instant alarmAt, Instant from, Instant to, String status,
            Long bytes, Double durationS, String note, Instant cutAt, @com.fasterxml.jackson.annotation.JsonIgnore String path) {
    }

    private static final String SELECT = """
            select c.id, c.alarm_id, c.camera_id, d.name camera_name, c.alarm_at, c.from_at, c.to_at, c.status, c.bytes, c.duration_s,
                   c.note, c.cut_at, c.path
            from alarm_clip c join device d on d.id = c.camera_id join area a on a.id = d.area_id""";

    private final JdbcClient jdbc;

    ClipStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Wants a clip of the camera around the alarm; a second call for the same pair changes nothing. */
    boolean want(long alarmId, String cameraId, Instant alarmAt, Instant from, Instant to) {
        return jdbc.sql("""
                insert into alarm_clip (alarm_id, camera_id, alarm_at, from_at, to_at) values (?,?,?,?,?)
                on conflict (alarm_id, camera_id) do nothing""")
                .params(alarmId, cameraId, Timestamp.from(alarmAt), Timestamp.from(from), Timestamp.from(to)).update() == 1;
    }

    /** Pending clips whose window ended before {@code before}: their footage is all filed. */
    List<Clip> due(Instant before) {
        return jdbc.sql(SELECT + " where c.status = 'PENDING' and c.to_at < ? order by c.to_at limit 50").param(Timestamp.from(before))
                .query(ClipStore::clip).list();
    }

    /** Records the cut; only from PENDING, so a second run of the job changes nothing. */
    boolean ready(long id, String path, long bytes, double durationS, String note, Instant at) {
        return jdbc.sql("update alarm_clip set status = 'READY', path = ?, bytes = ?, duration_s = ?, note = ?, cut_at = ? where id = ? and status = 'PENDING'")
                .params(path, bytes, durationS, note, Timestamp.from(at), id).update() == 1;
    }

    boolean failed(long id, String note, Instant at) {
        return jdbc.sql("update alarm_clip set status = 'FAILED', note = ?, cut_at = ? where id = ? and status = 'PENDING'")
                .params(note, Timestamp.from(at), id).update() == 1;
    }

    List<Clip> forAlarm(DeviceScope reach, long alarmId) {
        return jdbc.sql(SELECT + " where c.alarm_id = :alarm" + DeviceScope.SQL + " order by c.camera_id").param("alarm", alarmId)
                .params(reach.bind()).query(ClipStore::clip).list();
    }

    Optional<Clip> find(DeviceScope reach, long id) {
        return jdbc.sql(SELECT + " where c.id = :id" + DeviceScope.SQL).param("id", id).params(reach.bind()).query(ClipStore::clip).optional();
    }

    /** Deletes the clips of alarms older than {@code before} and returns them, so their files can go next. */
    List<Clip> deleteOlderThan(Instant before) {
        return jdbc.sql("""
                with gone as (delete from alarm_clip where alarm_at < ? returning *)
                select g.id, g.alarm_id, g.camera_id, d.name camera_name, g.alarm_at, g.from_at, g.to_at, g.status, g.bytes, g.duration_s,
                       g.note, g.cut_at, g.path
                from gone g join device d on d.id = g.camera_id""").param(Timestamp.from(before)).query(ClipStore::clip).list();
    }

    private static Clip clip(ResultSet rs, int i) throws SQLException {
        Timestamp cut = rs.getTimestamp("cut_at");
        long bytes = rs.getLong("bytes");
        Long b = rs.wasNull() ? null : bytes;
        double d = rs.getDouble("duration_s");
        Double dur = rs.wasNull() ? null : d;
        return new Clip(rs.getLong("id"), rs.getLong("alarm_id"), rs.getString("camera_id"), rs.getString("camera_name"),
                rs.getTimestamp("alarm_at").toInstant(), rs.getTimestamp("from_at").toInstant(), rs.getTimestamp("to_at").toInstant(),
                rs.getString("status"), b, dur, rs.getString("note"), cut == null ? null : cut.toInstant(), rs.getString("path"));
    }
}
