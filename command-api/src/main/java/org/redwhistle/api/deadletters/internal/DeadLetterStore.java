package org.redwhistle.api.deadletters.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.api.devices.DeviceScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code dead_letter} table, which ingest writes for every message it rejects; this
 * feature only reads it. The statement left-joins {@code device} (owned by the devices feature) and
 * {@code area} (the geo engine's) for {@link DeviceScope#SQL}: a message may name no registered device.
 */
@Component
class DeadLetterStore {

    private static final String SELECT = """
            select x.id, x.received_at, x.topic, x.device_id, x.reason, x.payload_size, x.payload
            from dead_letter x left join device d on d.id = x.device_id left join area a on a.id = d.area_id
            """;

    private final JdbcClient jdbc;

    DeadLetterStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Newest first. {@code reach} null means every message, also those naming no registered device
     * (what only the ALL scope sees); otherwise only messages of devices inside it.
     */
    List<DeadLetterView> list(DeviceScope reach, String deviceId, Instant since, int limit) {
        SqlFilter q = new SqlFilter()
                .and("x.device_id = :device", "device", deviceId)
                .and("x.received_at >= :since", "since", since == null ? null : Timestamp.from(since))
                .param("limit", limit);
        String scope = "";
        if (reach != null) {
            scope = " and d.id is not null" + DeviceScope.SQL;
            reach.bind().forEach(q::param);
        }
        return jdbc.sql(SELECT + q.where() + scope + " order by x.received_at desc, x.id desc limit :limit").params(q.params())
                .query((rs, i) -> new DeadLetterView(rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getString("topic"),
                        rs.getString("device_id"), rs.getString("reason"), rs.getInt("payload_size"),
                        new String(rs.getBytes("payload"), StandardCharsets.UTF_8)))
                .list();
    }
}
