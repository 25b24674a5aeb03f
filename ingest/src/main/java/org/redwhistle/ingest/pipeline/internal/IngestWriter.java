package org.redwhistle.ingest.pipeline.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.redwhistle.ingest.liveness.LivenessProperties;
import org.redwhistle.ingest.pipeline.ReportedElsewhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one batch in one transaction: events (one statement, idempotent on device and msgId),
 * positions, dead letters, and the devices' liveness. Returns what was new.
 */
@Component
public class IngestWriter {

    static final int DEAD_LETTER_PAYLOAD_CAP = 4096;

    /**
     * device_event is partitioned on ts, so its primary key (device, msgId, ts) cannot make a msgId
     * unique by itself: the keys live in device_event_key (unpartitioned), claimed in the same
     * statement, and only an event whose key was new is inserted. A repeated msgId is ignored
     * whatever its ts. The join on ts as well keeps one event per key should a batch hold the same
     * msgId twice (the pipeline drops such repeats before they get here).
     */
    private static final String INSERT_EVENTS = """
            with e as (
                select * from unnest(?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::float8[], ?::float8[], ?::int8[], ?::text[],
                                     ?::float8[], ?::float8[], ?::float4[])
                     as u(d, m, t, ty, x, y, g, p, rx, ry, rd)),
            k as (
                insert into device_event_key (device_id, msg_id, ts) select d, m, t from e
                on conflict do nothing returning device_id, msg_id, ts)
            insert into device_event (device_id, msg_id, ts, type, location, grid_id, payload, reported_location, reported_distance_m)
            select e.d, e.m, e.t, e.ty, st_setsrid(st_makepoint(e.x, e.y), 4326), e.g, e.p::jsonb,
                   case when e.rx is not null then st_setsrid(st_makepoint(e.rx, e.ry), 4326) end, e.rd
            from e join k on k.device_id = e.d and k.msg_id = e.m and k.ts = e.t
            on conflict do nothing returning device_id, msg_id""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    /** last_seen is written at most this often per device: a terminal reporting every second need not rewrite its row every second. */
    private final long touchEveryMs;
    private final Map<String, Long> touchedAtMs = new java.util.concurrent.ConcurrentHashMap<>();

    public IngestWriter(DataSource dataSource, TransactionTemplate tx, LivenessProperties liveness) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = tx;
        this.touchEveryMs = liveness.touchInterval().toMillis();
    }

    /**
     * An event ready to store: location resolved to WGS-84 and its grid, if any; {@code reported} is
     * what a fixed device said when the event was placed at its registered place instead, else null.
     */
    public record EventRow(Decoded.Event event, double lon, double lat, Long gridId, String payloadJson, ReportedElsewhere reported) {
    }

    /** A rejected message. */
    public record DeadLetter(String topic, String deviceId, String reason, byte[] payload, Instant receivedAt) {
    }

    /**
     * What the batch changed; {@code cameBack} are devices that had gone silent and spoke again,
     * {@code completedCommands} the commands acknowledged in it.
     */
    public record Result(Set<String> newEventKeys, Map<String, Boolean> statusChanges, Set<String> cameBack,
            List<String> completedCommands) {
    }

    public Result write(List<EventRow> events, List<Decoded.Position> positions, List<DeadLetter> deadLetters,
            Map<String, Boolean> statuses, Set<String> seenDevices, Instant now) {
        return write(events, positions, deadLetters, statuses, seenDevices, List.of(), now);
    }

    public Result write(List<EventRow> events, List<Decoded.Position> positions, List<DeadLetter> deadLetters,
            Map<String, Boolean> statuses, Set<String> seenDevices, List<Decoded.CommandAck> acks, Instant now) {
        return write(events, positions, deadLetters, statuses, seenDevices, acks, null, now);
    }

    /** @param consumedBy the MQTT session (client id) whose batch this is, to record as consumed now; null: not this time */
    public Result write(List<EventRow> events, List<Decoded.Position> positions, List<DeadLetter> deadLetters,
            Map<String, Boolean> statuses, Set<String> seenDevices, List<Decoded.CommandAck> acks, String consumedBy, Instant now) {
        return tx.execute(s -> jdbc.execute((Connection c) -> {
            Set<String> inserted = insertEvents(c, events);
            insertPositions(c, positions);
            insertDeadLetters(c, deadLetters);
            Map<String, Boolean> changed = updateStatuses(c, statuses, now);
            Set<String> back = touch(c, seenDevices, statuses, now);
            if (consumedBy != null) {
                markConsumed(c, consumedBy, now);
            }
            return new Result(inserted, changed, back, completeCommands(c, acks));
        }));
    }

    /** When the session's last recorded batch committed (ingest_session, V34); empty if it never had one. */
    public Optional<Instant> lastConsumed(String clientId) {
        return jdbc.query("select consumed_at from ingest_session where client_id = ?",
                rs -> rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.<Instant>empty(), clientId);
    }

    private static void markConsumed(Connection c, String clientId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into ingest_session (client_id, consumed_at) values (?, ?) "
                + "on conflict (client_id) do update set consumed_at = excluded.consumed_at")) {
            ps.setString(1, clientId);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /** Only a SENT command of the same device completes: late, repeated or foreign acks change nothing. */
    private static List<String> completeCommands(Connection c, List<Decoded.CommandAck> acks) throws SQLException {
        List<String> done = new java.util.ArrayList<>();
        if (acks.isEmpty()) {
            return done;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update device_command set status = ?, detail = ?, completed_at = now()
                where id = ? and device_id = ? and status = 'SENT' returning id""")) {
            for (Decoded.CommandAck a : acks) {
                ps.setString(1, a.ok() ? "OK" : "FAILED");
                ps.setString(2, a.detail());
                ps.setString(3, a.cmdId());
                ps.setString(4, a.deviceId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        done.add(rs.getString(1));
                    }
                }
            }
        }
        return done;
    }

    public static String key(String deviceId, String msgId) {
        return deviceId + '\u0000' + msgId;
    }

    /**
     * One statement per batch: column arrays unnested server-side (far cheaper than thousands of
     * parameters). Returns the keys of the rows that were new. The database-ceiling benchmark runs this too.
     */
    public static Set<String> insertEvents(Connection c, List<EventRow> rows) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        int n = rows.size();
        String[] device = new String[n];
        String[] msg = new String[n];
        Timestamp[] ts = new Timestamp[n];
        String[] type = new String[n];
        Double[] lon = new Double[n];
        Double[] lat = new Double[n];
        Long[] grid = new Long[n];
        String[] payload = new String[n];
        Double[] reportedLon = new Double[n];
        Double[] reportedLat = new Double[n];
        Float[] reportedDistance = new Float[n];
        for (int i = 0; i < n; i++) {
            EventRow r = rows.get(i);
            device[i] = r.event().deviceId();
            msg[i] = r.event().msgId();
            ts[i] = Timestamp.from(r.event().ts().toInstant());
            type[i] = r.event().type().wire();
            lon[i] = r.lon();
            lat[i] = r.lat();
            grid[i] = r.gridId();
            payload[i] = r.payloadJson();
            if (r.reported() != null) {
                reportedLon[i] = r.reported().lon();
                reportedLat[i] = r.reported().lat();
                reportedDistance[i] = (float) r.reported().distanceM();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENTS)) {
            ps.setArray(1, c.createArrayOf("text", device));
            ps.setArray(2, c.createArrayOf("text", msg));
            ps.setArray(3, c.createArrayOf("timestamptz", ts));
            ps.setArray(4, c.createArrayOf("text", type));
            ps.setArray(5, c.createArrayOf("float8", lon));
            ps.setArray(6, c.createArrayOf("float8", lat));
            ps.setArray(7, c.createArrayOf("int8", grid));
            ps.setArray(8, c.createArrayOf("text", payload));
            ps.setArray(9, c.createArrayOf("float8", reportedLon));
            ps.setArray(10, c.createArrayOf("float8", reportedLat));
            ps.setArray(11, c.createArrayOf("float4", reportedDistance));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return inserted;
    }

    /**
     * Like {@link #insertEvents}: one statement whatever the batch size. A JDBC batch of single-row
     * inserts costs the server a bind, an executor start and a WAL record header per row; at 10,000
     * fixes a second that was the largest share of the database's CPU.
     */
    static void insertPositions(Connection c, List<Decoded.Position> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = rows.size();
        String[] device = new String[n];
        Timestamp[] ts = new Timestamp[n];
        Double[] lon = new Double[n];
        Double[] lat = new Double[n];
        Float[] accuracy = new Float[n];
        Float[] speed = new Float[n];
        Float[] heading = new Float[n];
        Float[] battery = new Float[n];
        for (int i = 0; i < n; i++) {
            Decoded.Position r = rows.get(i);
            device[i] = r.deviceId();
            ts[i] = Timestamp.from(r.ts().toInstant());
            lon[i] = r.lon();
            lat[i] = r.lat();
            accuracy[i] = r.accuracyM();
            speed[i] = r.speedMps();
            heading[i] = r.headingDeg();
            battery[i] = r.battery();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into device_position (device_id, ts, location, accuracy_m, speed_mps, heading_deg, battery)
                select d, t, st_setsrid(st_makepoint(x, y), 4326), a, s, h, b
                from unnest(?::text[], ?::timestamptz[], ?::float8[], ?::float8[], ?::float4[], ?::float4[], ?::float4[], ?::float4[])
                     as u(d, t, x, y, a, s, h, b)
                on conflict do nothing""")) {
            ps.setArray(1, c.createArrayOf("text", device));
            ps.setArray(2, c.createArrayOf("timestamptz", ts));
            ps.setArray(3, c.createArrayOf("float8", lon));
            ps.setArray(4, c.createArrayOf("float8", lat));
            ps.setArray(5, c.createArrayOf("float4", accuracy));
            ps.setArray(6, c.createArrayOf("float4", speed));
            ps.setArray(7, c.createArrayOf("float4", heading));
            ps.setArray(8, c.createArrayOf("float4", battery));
            ps.executeUpdate();
        }
    }

    private static void insertDeadLetters(Connection c, List<DeadLetter> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into dead_letter (received_at, topic, device_id, reason, payload, payload_size)
                values (?,?,?,?,?,?)""")) {
            for (DeadLetter d : rows) {
                ps.setTimestamp(1, Timestamp.from(d.receivedAt()));
                ps.setString(2, d.topic());
                ps.setString(3, d.deviceId());
                ps.setString(4, d.reason());
                ps.setBytes(5, d.payload().length > DEAD_LETTER_PAYLOAD_CAP
                        ? Arrays.copyOf(d.payload(), DEAD_LETTER_PAYLOAD_CAP) : d.payload());
                ps.setInt(6, d.payload().length);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Sets online/offline where it changed; returns the devices whose state flipped. */
    private static Map<String, Boolean> updateStatuses(Connection c, Map<String, Boolean> statuses, Instant now)
            throws SQLException {
        Map<String, Boolean> changed = new java.util.LinkedHashMap<>();
        if (statuses.isEmpty()) {
            return changed;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update device set online = ?, last_seen = greatest(last_seen, ?)
                where id = ? and online is distinct from ? returning id""")) {
            for (var s : statuses.entrySet()) {
                ps.setBoolean(1, s.getValue());
                ps.setTimestamp(2, Timestamp.from(now));
                ps.setString(3, s.getKey());
                ps.setBoolean(4, s.getValue());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        changed.put(s.getKey(), s.getValue());
                    }
                }
            }
        }
        return changed;
    }

    /** Records that devices were heard from; returns those that had been silent (and so have come back). */
    private Set<String> touch(Connection c, Set<String> devices, Map<String, Boolean> statuses, Instant now)
            throws SQLException {
        Set<String> heard = new HashSet<>(devices);
        statuses.forEach((id, online) -> {
            if (online) {
                heard.add(id);
            }
        });
        Set<String> back = new HashSet<>();
        if (heard.isEmpty()) {
            return back;
        }
        java.sql.Array ids = c.createArrayOf("text", heard.toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "update device set silent_since = null, online = true where id = any(?) and silent_since is not null returning id")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    back.add(rs.getString(1));
                }
            }
        }
        long nowMs = now.toEpochMilli();
        List<String> due = new ArrayList<>();
        for (String id : heard) {
            Long at = touchedAtMs.get(id);
            if (at == null || nowMs - at >= touchEveryMs || statuses.containsKey(id)) {
                due.add(id);
                touchedAtMs.put(id, nowMs);
            }
        }
        if (due.isEmpty()) {
            return back;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update device set last_seen = ?, state = case when state = 'PROVISIONED' then 'ACTIVE' else state end
                where id = any(?) and (last_seen is null or last_seen < ?)""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", due.toArray()));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
        return back;
    }
}
