package org.redwhistle.api.deadletters;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.SqlFilter;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Rejected device messages with their reasons. Operators and integrators see those of devices in
 * their area; messages that name no registered device only ADMIN sees.
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
    public Mono<DeadLetterPage> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) String deviceId,
            @RequestParam(required = false) String since, @RequestParam(defaultValue = "100") int limit) {
        CurrentUser user = CurrentUser.of(jwt);
        if (!user.hasAnyRole(Role.ADMIN, Role.OPERATOR, Role.INTEGRATOR, Role.LEADER)) {
            throw ApiException.forbidden("dead letters are for operators, integrators and administrators");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be between 1 and 1000");
        }
        Instant from;
        try {
            from = since == null ? null : OffsetDateTime.parse(since).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badField("since", "must be ISO-8601 with an offset");
        }
        SqlFilter q = new SqlFilter()
                .and("x.device_id = :device", "device", deviceId)
                .and("x.received_at >= :since", "since", from == null ? null : Timestamp.from(from))
                .param("limit", limit);
        String scope = user.isAdmin() ? "" : " and a.path @> array[cast(:scope as bigint)]";
        if (!user.isAdmin()) {
            q.param("scope", user.areaId());
        }
        String sql = """
                select x.id, x.received_at, x.topic, x.device_id, x.reason, x.payload_size, x.payload
                from dead_letter x left join device d on d.id = x.device_id left join area a on a.id = d.area_id
                """ + q.where() + scope + " order by x.received_at desc, x.id desc limit :limit";
        return blocking.call(() -> new DeadLetterPage(jdbc.sql(sql).params(q.params()).query((rs, i) -> new DeadLetterView(
                rs.getLong("id"), rs.getTimestamp("received_at").toInstant(), rs.getString("topic"), rs.getString("device_id"),
                rs.getString("reason"), rs.getInt("payload_size"), new String(rs.getBytes("payload"), StandardCharsets.UTF_8))).list()));
    }
}
