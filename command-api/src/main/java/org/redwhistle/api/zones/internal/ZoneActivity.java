package org.redwhistle.api.zones.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The zone activity log: every intrusion (armed or not) and every entry into or exit from a
 * restricted area. Holds the statements on {@code zone_activity}, owned by zones; its
 * {@code alarm_id} names an alarm of the alarms feature.
 */
@Component
public class ZoneActivity {

    static final String INSERT = "insert into zone_activity (zone_id, kind, subject, at, armed, alarm_id, detail) values (?,?,?,?,?,?,?)";

    static final String RECENT = """
            select id, zone_id, kind, subject, at, armed, alarm_id, detail from zone_activity where zone_id = ?
            order by at desc, id desc limit ?""";

    private final JdbcClient jdbc;

    public ZoneActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One logged happening. */
    public record ZoneActivityEntry(long id, long zoneId, String kind, String subject, Instant at, boolean armed, Long alarmId, String detail) {
    }

    public void log(long zoneId, String kind, String subject, Instant at, boolean armed, Long alarmId, String detail) {
        jdbc.sql(INSERT).params(zoneId, kind, subject, Timestamp.from(at), armed, alarmId, detail).update();
    }

    public List<ZoneActivityEntry> recent(long zoneId, int limit) {
        return jdbc.sql(RECENT).params(zoneId, limit)
                .query((rs, i) -> new ZoneActivityEntry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getBoolean(6), (Long) rs.getObject(7), rs.getString(8)))
                .list();
    }
}
