package org.redwhistle.api.deadletters.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.devices.DeviceScope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Rejected device messages with their reasons, under the same access as their devices
 * ({@link DeviceScope}: operators their area's, integrators those of their own devices); messages
 * that name no registered device only ADMIN sees.
 */
@RestController
@RequestMapping("/api/v1/dead-letters")
public class DeadLetterController {

    private final JdbcClient jdbc;
    private final Blocking blocking;

    public DeadLetterController(JdbcClient jdbc, Blocking blocking) {
        this.jdbc = jdbc;
        this.blocking = blocking;
    }

    /** One rejected message; {@code payload} is its first 4 KiB as text (invalid UTF-8 replaced). */
    public record DeadLetterView(long id, Instant receivedAt, String topic, String deviceId, String reason, int payloadSize,
            String payload) {
    }

    /** A page of dead letters, newest first. */
    public record DeadLetterPage(List<DeadLetterView> items) {
    }

    @GetMapping
    public Mono<DeadLetterPage> list(Caller caller, @RequestParam(required = false) String deviceId,
            @RequestParam(required = false) String since, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be between 1 and 1000");
        }
        Instant from = Params.instant("since", since, null);
        SqlFilter q = new SqlFilter()
                .and("x.device_id = :device", "device", deviceId)
                .and("x.received_at >= :since", "since", from == null ? null : Timestamp.from(from))
                .param("limit", limit);
        DeviceScope reach = DeviceScope.of(caller);
        // a message naming no registered device (no area) is reached only by ALL
        String scope = caller.is(Scope.ALL) ? "" : " and d.id is not null" + DeviceScope.SQL;
        reach.bind().forEach(q::param);
        String sql = """
                select x.id, x.received_at, x.topic, x.device_id, x.reason, x.payload_size, x.payload
                from dead_letter x left join device d on d.id = x.device_id left join area a on a.id = d.area_id
                """ + q.where() + scope + " order by x.received_at desc, x.id desc limit :limit";
        return blocking.call(() -> new DeadLetterPage(jdbc.sql(sql).params(q.params()).query((rs, i) -> new DeadLetterView(
                rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getString("topic"), rs.getString("device_id"),
                rs.getString("reason"), rs.getInt("payload_size"), new String(rs.getBytes("payload"), StandardCharsets.UTF_8))).list()));
    }
}
