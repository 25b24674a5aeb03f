package org.redwhistle.ingest.pipeline.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes one batch in one transaction: events (multi-row, idempotent on device, msgId and ts),
 * positions, dead letters, and the devices' liveness. Returns what was new.
 */
@Component
public class IngestWriter {

    static final int DEAD_LETTER_PAYLOAD_CAP = 4096;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public IngestWriter(DataSource dataSource, TransactionTemplate tx) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = tx;
    }

    /** An event ready to store: location resolved to WGS-84 and its grid, if any. */
    public record EventRow(Decoded.Event event, double lon, double lat, Long gridId, String payloadJson) {
    }

    /** A rejected message. */
    public record DeadLetter(String topic, String deviceId, String reason, byte[] payload, Instant receivedAt) {
    }

    /** What the batch changed. */
    public record Result(Set<String> newEventKeys, Map<String, Boolean> statusChanges) {
    }

    public Result write(List<EventRow> events, List<Decoded.Position> positions, List<DeadLetter> deadLetters,
            Map<String, Boolean> statuses, Set<String> seenDevices, Instant now) {
        return tx.execute(s -> jdbc.execute((Connection c) -> {
            Set<String> inserted = insertEvents(c, events);
            insertPositions(c, positions);
            insertDeadLetters(c, deadLetters);
            Map<String, Boolean> changed = updateStatuses(c, statuses, now);
            touch(c, seenDevices, now);
            return new Result(inserted, changed);
        }));
    }

    public static String key(String deviceId, String msgId) {
        return deviceId + '\u0000' + msgId;
    }

    private static Set<String> insertEvents(Connection c, List<EventRow> rows) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        StringBuilder sql = new StringBuilder(
                "insert into device_event (device_id, msg_id, ts, type, location, grid_id, payload) values ");
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,st_setsrid(st_makepoint(?,?),4326),?,?::jsonb)");
        }
        sql.append(" on conflict do nothing returning device_id, msg_id");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (EventRow r : rows) {
                Decoded.Event e = r.event();
                ps.setString(p++, e.deviceId());
                ps.setString(p++, e.msgId());
                ps.setTimestamp(p++, Timestamp.from(e.ts().toInstant()));
                ps.setString(p++, e.type().wire());
                ps.setDouble(p++, r.lon());
                ps.setDouble(p++, r.lat());
                if (r.gridId() == null) {
                    ps.setNull(p++, Types.BIGINT);
                } else {
                    ps.setLong(p++, r.gridId());
                }
                ps.setString(p++, r.payloadJson());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    inserted.add(key(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return inserted;
    }

    private static void insertPositions(Connection c, List<Decoded.Position> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                insert into device_position (device_id, ts, location, accuracy_m, speed_mps, heading_deg, battery)
                values (?,?,st_setsrid(st_makepoint(?,?),4326),?,?,?,?) on conflict do nothing""")) {
            for (Decoded.Position r : rows) {
                ps.setString(1, r.deviceId());
                ps.setTimestamp(2, Timestamp.from(r.ts().toInstant()));
                ps.setDouble(3, r.lon());
                ps.setDouble(4, r.lat());
                setFloat(ps, 5, r.accuracyM());
                setFloat(ps, 6, r.speedMps());
                setFloat(ps, 7, r.headingDeg());
                setFloat(ps, 8, r.battery());
                ps.addBatch();
            }
            ps.executeBatch();
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

    private static void touch(Connection c, Set<String> devices, Instant now) throws SQLException {
        if (devices.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                update device set last_seen = ?, state = case when state = 'PROVISIONED' then 'ACTIVE' else state end
                where id = any(?) and (last_seen is null or last_seen < ?)""")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, c.createArrayOf("text", new ArrayList<>(devices).toArray()));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    private static void setFloat(PreparedStatement ps, int i, Float v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.REAL);
        } else {
            ps.setFloat(i, v);
        }
    }
}
