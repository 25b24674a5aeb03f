package org.redwhistle.ingest.liveness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The liveness feature's writes to {@code device} when devices speak ({@code online},
 * {@code last_seen}, {@code silent_since}, and PROVISIONED → ACTIVE on a device's first word). They
 * are run by the ingest writer inside each batch's transaction, so that a device counts as heard in
 * the same commit as what it said; the sweep that finds devices silent is {@link LivenessMonitor}'s.
 */
@Component
public class DevicesHeard {

    /** last_seen is written at most this often per device: a terminal reporting every second need not rewrite its row every second. */
    private final long touchEveryMs;
    private final Map<String, Long> touchedAtMs = new ConcurrentHashMap<>();

    public DevicesHeard(LivenessProperties liveness) {
        this.touchEveryMs = liveness.touchInterval().toMillis();
    }

    /** Sets online/offline as the devices said, where it changed; returns the devices whose state flipped. */
    public Map<String, Boolean> statusesSaid(Connection c, Map<String, Boolean> statuses, Instant now) throws SQLException {
        Map<String, Boolean> changed = new LinkedHashMap<>();
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
    public Set<String> heard(Connection c, Set<String> devices, Map<String, Boolean> statuses, Instant now) throws SQLException {
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
