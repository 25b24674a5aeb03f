package org.redwhistle.api.snapshots.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.devices.DeviceScope;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Camera snapshots behind the same access as their cameras ({@link DeviceScope}: the area's command
 * center, integrators only their own cameras): metadata, the image and a thumbnail. Whoever may not
 * see the camera gets 404, as if the snapshot did not exist.
 */
@RestController
@RequestMapping("/api/v1/snapshots")
public class SnapshotController {

    private final JdbcClient jdbc;
    private final Blocking blocking;

    public SnapshotController(JdbcClient jdbc, Blocking blocking) {
        this.jdbc = jdbc;
        this.blocking = blocking;
    }

    /**
     * A snapshot's metadata, where its image and thumbnail are, and what OpenCV saw on it
     * ({@code analysis}; null until analysed).
     */
    public record SnapshotView(long id, String deviceId, String deviceName, Instant capturedAt, Instant receivedAt, String eventMsgId,
            Long alarmId, int width, int height, int bytes, Instant expiresAt, String imageUrl, String thumbnailUrl, Analysis analysis) {
    }

    /**
     * People (Daimler HOG, with their SVM score) and motion regions against the camera's background,
     * as boxes in the image's pixels; {@code motion} is the foreground share (null on a camera's first
     * frame); {@code error} says why an image could not be analysed.
     */
    public record Analysis(Instant analysedAt, Double ms, Integer people, Double personScore, Double motion, JsonNode detections,
            String error) {
    }

    public record SnapshotPage(List<SnapshotView> items) {
    }

    private static final String SELECT = """
            select s.id, s.device_id, d.name, s.captured_at, s.received_at, s.event_msg_id, s.alarm_id, s.width, s.height, s.bytes, s.expires_at,
                   s.analysed_at, s.analysis_ms, s.people, s.person_score, s.motion, s.detections::text, s.analysis_error
            from snapshot s join device d on d.id = s.device_id join area a on a.id = d.area_id""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static SnapshotView view(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        long id = rs.getLong(1);
        Analysis analysis = rs.getTimestamp(12) == null ? null
                : new Analysis(rs.getTimestamp(12).toInstant(), number(rs, 13), (Integer) rs.getObject(14), number(rs, 15), number(rs, 16),
                        rs.getString(17) == null ? JSON.createArrayNode() : JSON.readTree(rs.getString(17)), rs.getString(18));
        return new SnapshotView(id, rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                rs.getString(6), (Long) rs.getObject(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getTimestamp(11).toInstant(),
                "/api/v1/snapshots/" + id + "/image", "/api/v1/snapshots/" + id + "/thumbnail", analysis);
    }

    private static Double number(java.sql.ResultSet rs, int col) throws java.sql.SQLException {
        Object o = rs.getObject(col);
        return o == null ? null : Math.round(((Number) o).doubleValue() * 1000) / 1000.0;
    }

    @GetMapping
    public Mono<SnapshotPage> list(Caller caller, @RequestParam(required = false) String deviceId,
            @RequestParam(required = false) Long alarmId, @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badField("limit", "must be between 1 and 500");
        }
        Instant from = since == null ? null : Params.instant("since", since);
        SqlFilter q = new SqlFilter()
                .and("s.device_id = :device", "device", deviceId)
                .and("s.alarm_id = :alarm", "alarm", alarmId)
                .and("s.captured_at >= :since", "since", from == null ? null : Timestamp.from(from))
                .param("limit", limit);
        DeviceScope reach = DeviceScope.of(caller);
        reach.bind().forEach(q::param);
        String sql = SELECT + q.where() + DeviceScope.SQL + " order by s.captured_at desc, s.id desc limit :limit";
        return blocking.call(() -> new SnapshotPage(jdbc.sql(sql).params(q.params()).query(SnapshotController::view).list()));
    }

    @GetMapping("/{id}")
    public Mono<SnapshotView> get(Caller caller, @PathVariable long id) {
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> jdbc.sql(SELECT + " where s.id = :id" + DeviceScope.SQL).param("id", id).params(reach.bind())
                .query(SnapshotController::view).optional().orElseThrow(() -> ApiException.notFound("snapshot " + id)));
    }

    @GetMapping("/{id}/image")
    public Mono<ResponseEntity<byte[]>> image(Caller caller, @PathVariable long id) {
        return bytes(caller, id, "image");
    }

    @GetMapping("/{id}/thumbnail")
    public Mono<ResponseEntity<byte[]>> thumbnail(Caller caller, @PathVariable long id) {
        return bytes(caller, id, "thumbnail");
    }

    private Mono<ResponseEntity<byte[]>> bytes(Caller caller, long id, String column) {
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> {
            byte[] data = jdbc.sql("select s." + column + " from snapshot s join device d on d.id = s.device_id join area a on a.id = d.area_id"
                    + " where s.id = :id" + DeviceScope.SQL).param("id", id).params(reach.bind())
                    .query(byte[].class).optional().orElseThrow(() -> ApiException.notFound("snapshot " + id));
            return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(data);
        });
    }
}
