package org.redwhistle.api.zones;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The zone activity log: every intrusion (armed or not) and every entry into or exit from a restricted area. */
@Component
public class ZoneActivity {

    private final JdbcClient jdbc;

    public ZoneActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One logged happening. */
    public record Entry(long id, long zoneId, String kind, String subject, Instant at, boolean armed, Long alarmId, String detail) {
    }

    public void log(long zoneId, String kind, String subject, Instant at, boolean armed, Long alarmId, String detail) {
        jdbc.sql("insert into zone_activity (zone_id, kind, subject, at, armed, alarm_id, detail) values (?,?,?,?,?,?,?)")
                .params(zoneId, kind, subject, Timestamp.from(at), armed, alarmId, detail).update();
    }

    public List<Entry> recent(long zoneId, int limit) {
        return jdbc.sql("select id, zone_id, kind, subject, at, armed, alarm_id, detail from zone_activity where zone_id = ? order by at desc, id desc limit ?")
                .params(zoneId, limit)
                .query((rs, i) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getBoolean(6), (Long) rs.getObject(7), rs.getString(8)))
                .list();
    }
}
