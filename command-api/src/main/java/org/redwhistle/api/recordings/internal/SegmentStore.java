package org.redwhistle.api.recordings.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.recordings.RecordingMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code recording_segment} table: what each camera's recorder wrote, and what retention may delete. */
@Component
class SegmentStore {

    /** One recorded segment; {@code path} is relative to {@code redwhistle.recordings.dir}. */
    record Segment(long id, String cameraId, Instant startedAt, Instant endedAt, String path, long bytes, RecordingMode mode,
            Instant keptUntil, Long keptByAlarm) {
    }

    private static final String COLUMNS = "id, camera_id, started_at, ended_at, path, bytes, mode, kept_until, kept_by_alarm";

    /**
     * Segments retention may delete at {@code :now}: not kept by an alarm's clip (nor inside a clip still waiting for its
     * post-roll), and past the retention, or, recorded on events, past the rolling buffer with no event of the camera
     * near them (heartbeats are not events).
     */
    private static final String EXPIRED = """
            delete from recording_segment s
            where (s.kept_until is null or s.kept_until < :now)
              and not exists (select from alarm_clip c where c.status = 'PENDING' and c.camera_id = s.camera_id
                              and s.ended_at > c.from_at and s.started_at < c.to_at)
              and (s.ended_at < :retained
                   or (s.mode = 'EVENTS' and s.ended_at < :buffered
                       and not exists (select from device_event e where e.device_id = s.camera_id and e.type <> 'device.heartbeat'
                                       and e.ts >= s.started_at - :post * interval '1 second'
                                       and e.ts <= s.ended_at + :pre * interval '1 second')))
            returning """ + " " + COLUMNS;

    private final JdbcClient jdbc;

    SegmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String cameraId, Instant startedAt, Instant endedAt, String path, long bytes, RecordingMode mode) {
        jdbc.sql("""
                insert into recording_segment (camera_id, started_at, ended_at, path, bytes, mode) values (?,?,?,?,?,?)
                on conflict (path) do nothing""")
                .params(cameraId, Timestamp.from(startedAt), Timestamp.from(endedAt), path, bytes, mode.name()).update();
    }

    /** The camera's segments overlapping {@code [from, to)}, oldest first. */
    List<Segment> overlapping(String cameraId, Instant from, Instant to) {
        return jdbc.sql("select " + COLUMNS + " from recording_segment where camera_id = ? and ended_at > ? and started_at < ? order by started_at, id")
                .params(cameraId, Timestamp.from(from), Timestamp.from(to)).query(SegmentStore::segment).list();
    }

    /** The newest segment of a camera, if any (where a restarted recorder's gap begins). */
    java.util.Optional<Instant> lastEnd(String cameraId) {
        return jdbc.sql("select max(ended_at) from recording_segment where camera_id = ?").param(cameraId).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
    }

    /** Marks the camera's segments overlapping {@code [from, to)} kept until {@code until} by the alarm; returns how many. */
    int keep(String cameraId, Instant from, Instant to, Instant until, long alarmId) {
        return jdbc.sql("""
                update recording_segment set kept_until = greatest(kept_until, :until), kept_by_alarm = coalesce(kept_by_alarm, :alarm)
                where camera_id = :camera and ended_at > :from and started_at < :to""")
                .param("until", Timestamp.from(until)).param("alarm", alarmId).param("camera", cameraId)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to)).update();
    }

    /** Deletes the rows retention allows at {@code now} and returns them, so their files can go next. */
    List<Segment> deleteExpired(Instant now, Duration retention, Duration eventBuffer, Duration preRoll, Duration postRoll) {
        return jdbc.sql(EXPIRED).param("now", Timestamp.from(now))
                .param("retained", Timestamp.from(now.minus(retention))).param("buffered", Timestamp.from(now.minus(eventBuffer)))
                .param("pre", preRoll.toMillis() / 1000.0).param("post", postRoll.toMillis() / 1000.0)
                .query(SegmentStore::segment).list();
    }

    /** Bytes and hours of footage per camera (the figures of docs/recordings.md). */
    record Usage(String cameraId, long segments, long bytes, double hours) {
    }

    List<Usage> usage() {
        return jdbc.sql("""
                select camera_id, count(*) n, sum(bytes) b, sum(extract(epoch from ended_at - started_at)) / 3600.0 h
                from recording_segment group by camera_id order by camera_id""")
                .query((rs, i) -> new Usage(rs.getString("camera_id"), rs.getLong("n"), rs.getLong("b"), rs.getDouble("h"))).list();
    }

    static Segment segment(ResultSet rs, int i) throws SQLException {
        Timestamp kept = rs.getTimestamp("kept_until");
        long by = rs.getLong("kept_by_alarm");
        return new Segment(rs.getLong("id"), rs.getString("camera_id"), rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("ended_at").toInstant(), rs.getString("path"), rs.getLong("bytes"), RecordingMode.valueOf(rs.getString("mode")),
                kept == null ? null : kept.toInstant(), rs.wasNull() ? null : by);
    }
}
