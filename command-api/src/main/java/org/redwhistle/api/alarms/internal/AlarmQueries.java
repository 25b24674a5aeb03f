package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmResponder;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmVerification;
import org.redwhistle.api.alarms.AlarmView;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.areas.SqlFilter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The read side of alarms: views joined with their device and grid, filtered inside a scope. */
@Component
public class AlarmQueries {

    /**
     * The view's columns over rows shaped like {@code alarm}'s, named {@code a} (the table, or a
     * data-modifying CTE's {@code returning *}); {@code snapshotIds} is the expression of its snapshots.
     * One statement can so write an alarm and return its view.
     */
    private static final String COLUMNS = """
            select %s a.id, a.type, a.severity, a.status, a.title, a.device_id, d.name device_name, d.kind device_kind,
                   a.zone_id, st_x(a.location) lon, st_y(a.location) lat, a.grid_id, g.name grid_name, a.area_path,
                   a.count, a.first_seen_at, a.last_seen_at, a.event_msg_id,
                   array(select p.id from alarm_photo p where p.alarm_id = a.id order by p.id) photo_ids,
                   a.verification, a.verification_note, a.version,
                   %s snapshot_ids,
                   (select coalesce(json_agg(json_build_object(
                        'memberId', m.id, 'name', m.name, 'role', m.role, 'affiliation', m.affiliation, 'status', x.status,
                        'distanceM', x.distance_m, 'declineReason', x.decline_reason,
                        'offeredAt', (extract(epoch from x.offered_at) * 1000)::bigint,
                        'answeredAt', (extract(epoch from x.answered_at) * 1000)::bigint,
                        'arrivedAt', (extract(epoch from x.arrived_at) * 1000)::bigint,
                        'resolvedAt', case when a.status = 'RESOLVED' and x.status in ('ACCEPTED', 'ARRIVED') then
                            (select (extract(epoch from max(e.at)) * 1000)::bigint from alarm_event e
                             where e.alarm_id = a.id and e.action in ('resolve', 'to-case')) end)
                        order by x.offered_at, m.id), '[]')::text
                    from alarm_dispatch x join member m on m.id = x.member_id where x.alarm_id = a.id) responders
            from %s a left join device d on d.id = a.device_id left join area g on g.id = a.grid_id
            """;

    private static final String SELECT = selectFrom("", "alarm", "array(select s.id from snapshot s where s.alarm_id = a.id order by s.id)");

    /** See {@link #COLUMNS}; {@code before} are columns of the caller's, ending with a comma. Read back with {@link #view}. */
    static String selectFrom(String before, String rows, String snapshotIds) {
        return COLUMNS.formatted(before, snapshotIds, rows);
    }

    private final JdbcClient jdbc;

    public AlarmQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to list. {@code scopeAreaId} null means everywhere (ADMIN); {@code dispatchedTo}, when set,
     * keeps only the alarms that user was dispatched to (a responder's own); {@code hiddenTypes} are left out (types
     * the caller's role may not see); every other filter is optional.
     */
    public record Filter(Long scopeAreaId, Long dispatchedTo, List<AlarmStatus> statuses, Long areaId, double[] bbox, Instant since,
            int limit, List<String> hiddenTypes) {
    }

    /** Whether the user (through their member record) was dispatched to the alarm, with a dispatch in one of {@code states}. */
    public boolean dispatchedTo(long userId, long alarmId, List<String> states) {
        return jdbc.sql("""
                select exists (select from alarm_dispatch x join member m on m.id = x.member_id
                               where x.alarm_id = :alarm and m.user_id = :user and x.status = any(:states))""")
                .param("alarm", alarmId).param("user", userId).param("states", states.toArray(String[]::new)).query(Boolean.class).single();
    }

    public Optional<AlarmView> find(long id) {
        return jdbc.sql(SELECT + " where a.id = :id").param("id", id).query(AlarmQueries::view).optional();
    }

    public List<AlarmView> list(Filter f) {
        SqlFilter q = new SqlFilter()
                .inArea("a.area_path", "scope", f.scopeAreaId())
                .inArea("a.area_path", "area", f.areaId())
                .and("exists (select from alarm_dispatch x join member m on m.id = x.member_id where x.alarm_id = a.id and m.user_id = :to)",
                        "to", f.dispatchedTo())
                .and("a.status in (:statuses)", "statuses",
                        f.statuses() == null || f.statuses().isEmpty() ? null : f.statuses().stream().map(Enum::name).toList())
                .inBox("a.location", f.bbox())
                .and("a.last_seen_at >= :since", "since", f.since() == null ? null : Timestamp.from(f.since()))
                .and("a.type not in (:hidden)", "hidden", f.hiddenTypes() == null || f.hiddenTypes().isEmpty() ? null : f.hiddenTypes())
                .param("limit", f.limit());
        return jdbc.sql(SELECT + q.where() + " order by a.last_seen_at desc, a.id desc limit :limit")
                .params(q.params()).query(AlarmQueries::view).list();
    }

    private static AlarmVerification verification(String stored) {
        return stored == null ? null : AlarmVerification.valueOf(stored);
    }

    static AlarmView view(ResultSet rs, int row) throws SQLException {
        Array path = rs.getArray("area_path");
        List<Long> areaPath = path == null ? List.of() : Arrays.asList((Long[]) path.getArray());
        return new AlarmView(rs.getLong("id"), rs.getString("type"), AlarmSeverity.valueOf(rs.getString("severity")),
                AlarmStatus.valueOf(rs.getString("status")), rs.getString("title"), rs.getString("device_id"),
                rs.getString("device_name"), rs.getString("device_kind"), rs.getString("zone_id"),
                rs.getDouble("lon"), rs.getDouble("lat"), (Long) rs.getObject("grid_id"), rs.getString("grid_name"),
                areaPath, rs.getInt("count"), rs.getTimestamp("first_seen_at").toInstant(),
                rs.getTimestamp("last_seen_at").toInstant(), rs.getString("event_msg_id"),
                Arrays.asList((Long[]) rs.getArray("photo_ids").getArray()), verification(rs.getString("verification")), rs.getString("verification_note"),
                Arrays.asList((Long[]) rs.getArray("snapshot_ids").getArray()), responders(rs.getString("responders")), rs.getLong("version"));
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The members sent to the alarm, from the view's {@code responders} column (JSON built by the statement, times in epoch ms). */
    static List<AlarmResponder> responders(String json) {
        List<AlarmResponder> out = new ArrayList<>();
        for (JsonNode r : JSON.readTree(json == null ? "[]" : json)) {
            Instant resolved = instant(r.get("resolvedAt"));
            String reason = text(r.get("declineReason"));
            String status = r.get("status").asText();
            String role = r.get("role").asText();
            out.add(new AlarmResponder(r.get("memberId").asLong(), r.get("name").asText(), role, AlarmResponder.roleLabel(role),
                    text(r.get("affiliation")), status, AlarmResponder.stateLabel(status, resolved, reason),
                    r.get("distanceM") == null || r.get("distanceM").isNull() ? null : (float) r.get("distanceM").asDouble(),
                    instant(r.get("offeredAt")), instant(r.get("answeredAt")), instant(r.get("arrivedAt")), resolved, reason));
        }
        return out;
    }

    private static Instant instant(JsonNode n) {
        return n == null || n.isNull() ? null : Instant.ofEpochMilli(n.asLong());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
