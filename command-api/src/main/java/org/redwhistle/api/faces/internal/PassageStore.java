package org.redwhistle.api.faces.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the face gates' passages: ingest's {@code face.passage} rows of {@code device_event}, with the
 * snapshot sent for each ({@code snapshot}, by device and event msgId), the alarm it raised and the
 * caller's watchlist entry for the person id; behind the devices' access ({@link DeviceScope}). Their
 * retention is {@link PassageRetention}'s.
 */
@Component
class PassageStore {

    static final String TYPE = "face.passage";

    private static final String SELECT = """
            select e.device_id, d.name device_name, e.msg_id, e.ts, e.payload->>'direction' direction, e.payload->>'match' match,
                   e.payload->>'personId' person_id, (e.payload->>'confidence')::float8 confidence, s.id snapshot_id,
                   coalesce(s.alarm_id, (select al.id from alarm al where al.device_id = e.device_id and al.event_msg_id = e.msg_id
                                         order by al.id desc limit 1)) alarm_id,
                   w.alias, w.reason
            from device_event e join device d on d.id = e.device_id join area a on a.id = d.area_id
            left join lateral (select s.id, s.alarm_id from snapshot s where s.device_id = e.device_id and s.event_msg_id = e.msg_id
                               order by s.id desc limit 1) s on true
            left join lateral (select w.alias, w.reason from face_watchlist w
                               where w.person_id = e.payload->>'personId' and a.path @> array[w.area_id]
                               order by w.ended_at is not null, w.added_at desc limit 1) w on true
            """;

    private final JdbcClient jdbc;

    PassageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to list: all optional; {@code after} the cursor where the previous page ended. */
    record Query(String deviceId, String match, Instant from, Instant to, Cursor after, int limit) {
    }

    /** A page, newest first; {@code nextCursor} is where the next one starts (null: no more). */
    record Page(List<FacePassage> items, String nextCursor) {
    }

    Page list(DeviceScope reach, Query q) {
        SqlFilter f = new SqlFilter()
                .and("e.type = :type", "type", TYPE)
                .and("e.device_id = :device", "device", q.deviceId())
                .and("e.payload->>'match' = :match", "match", q.match())
                .and("e.ts >= :from", "from", q.from() == null ? null : Timestamp.from(q.from()))
                .and("e.ts < :to", "to", q.to() == null ? null : Timestamp.from(q.to()))
                .param("limit", q.limit() + 1);
        if (q.after() != null) {
            f.and("(e.ts, e.device_id, e.msg_id) < (:cts, :cdev, :cmsg)", "cts", Timestamp.from(q.after().at()));
            f.param("cdev", q.after().deviceId()).param("cmsg", q.after().msgId());
        }
        reach.bind().forEach(f::param);
        List<FacePassage> rows = jdbc.sql(SELECT + f.where() + DeviceScope.SQL + " order by e.ts desc, e.device_id desc, e.msg_id desc limit :limit")
                .params(f.params()).query(PassageStore::passage).list();
        if (rows.size() <= q.limit()) {
            return new Page(rows, null);
        }
        FacePassage last = rows.get(q.limit() - 1);
        return new Page(rows.subList(0, q.limit()), new Cursor(last.at(), last.deviceId(), last.msgId()).encode());
    }

    private static FacePassage passage(ResultSet rs, int i) throws SQLException {
        Long snapshot = (Long) rs.getObject("snapshot_id");
        String direction = rs.getString("direction");
        String match = rs.getString("match");
        boolean watched = "watchlist".equals(match);
        return new FacePassage(rs.getString("device_id"), rs.getString("device_name"), rs.getString("msg_id"), rs.getTimestamp("ts").toInstant(),
                direction, FacePassage.directionLabel(direction), match, FacePassage.matchLabel(match), rs.getString("person_id"),
                watched ? rs.getString("alias") : null, watched ? rs.getString("reason") : null, (Double) rs.getObject("confidence"), snapshot,
                snapshot == null ? null : "/api/v1/snapshots/" + snapshot + "/thumbnail", snapshot == null ? null : "/api/v1/snapshots/" + snapshot + "/image",
                (Long) rs.getObject("alarm_id"));
    }

    /** Where a page ended: the last passage's time, device and msgId; on the wire an opaque base64url string. */
    record Cursor(Instant at, String deviceId, String msgId) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "\n" + deviceId + "\n" + msgId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String field, String raw) {
            try {
                String[] p = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split("\n", -1);
                if (p.length == 3) {
                    return new Cursor(Instant.parse(p[0]), p[1], p[2]);
                }
            } catch (IllegalArgumentException | DateTimeException e) {
                // refused below
            }
            throw ApiException.badField(field, "is not a cursor this list returned (nextCursor); leave it out to start from the newest");
        }
    }
}
