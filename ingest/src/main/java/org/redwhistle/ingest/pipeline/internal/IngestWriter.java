package org.redwhistle.ingest.pipeline.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.redwhistle.ingest.commands.CommandCompletions;
import org.redwhistle.ingest.liveness.DevicesHeard;
import org.redwhistle.ingest.pipeline.ReportedElsewhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one batch in one transaction: events (one statement, idempotent on device and msgId),
 * positions, dead letters, and the devices' liveness. Returns what was new.
 * <p>
 * Tables and their owners: {@code device_event}, {@code device_event_key}, {@code device_position},
 * {@code dead_letter} and {@code ingest_session} are the pipeline's own, written only here. Two
 * features' statements run here too, because they must commit with the batch, before its messages
 * are acknowledged to the broker: {@code device}'s liveness columns ({@link DevicesHeard}, the
 * liveness feature's) and {@code device_command}'s completions ({@link CommandCompletions}, the
 * commands feature's). Their SQL stays with those features; this class only runs it in its
 * transaction, so a batch costs one commit rather than three.
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
    private final DevicesHeard heard;

    public IngestWriter(DataSource dataSource, TransactionTemplate tx, DevicesHeard heard) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = tx;
        this.heard = heard;
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
            Map<String, Boolean> changed = heard.statusesSaid(c, statuses, now);
            Set<String> back = heard.heard(c, seenDevices, statuses, now);
            if (consumedBy != null) {
                markConsumed(c, consumedBy, now);
            }
            return new Result(inserted, changed, back, CommandCompletions.complete(c, acks.stream()
                    .map(a -> new CommandCompletions.Ack(a.cmdId(), a.deviceId(), a.ok(), a.detail())).toList()));
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
}
