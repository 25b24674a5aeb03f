package org.redwhistle.api.tracks;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Track replay: a patrol member's positions as an RFC 7946 LineString. {@code memberId} is a patrol
 * member's username (their terminals carry {@code attributes.member}) or a patrol terminal's id.
 */
@RestController
@RequestMapping("/api/v1/tracks")
public class TrackController {

    private static final Duration MAX_WINDOW = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final AreaScope scope;
    private final Blocking blocking;

    public TrackController(JdbcClient jdbc, AreaScope scope, Blocking blocking) {
        this.jdbc = jdbc;
        this.scope = scope;
        this.blocking = blocking;
    }

    /** A GeoJSON Feature: LineString geometry; per-point times (epoch ms) and speeds in properties. */
    public record Track(String type, Map<String, Object> geometry, Map<String, Object> properties) {
    }

    private record Terminal(String id, long areaId) {
    }

    @GetMapping("/{memberId}")
    public Mono<Track> track(@AuthenticationPrincipal Jwt jwt, @PathVariable String memberId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        CurrentUser user = CurrentUser.of(jwt);
        Instant end = instant("to", to, Instant.now());
        Instant start = instant("from", from, end.minus(Duration.ofHours(12)));
        if (!start.isBefore(end)) {
            throw ApiException.badField("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.badField("from", "the window may span at most 7 days");
        }
        return blocking.call(() -> {
            List<Terminal> terminals = jdbc.sql("""
                    select id, area_id from device
                    where kind = 'patrol_terminal' and (id = :m or attributes->>'member' = :m) order by id""")
                    .param("m", memberId).query((rs, i) -> new Terminal(rs.getString(1), rs.getLong(2))).list()
                    .stream().filter(t -> scope.isInside(user, t.areaId())).toList();
            if (terminals.isEmpty()) {
                throw ApiException.notFound("patrol member or terminal " + memberId);
            }
            List<List<Double>> coords = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            List<Float> speeds = new ArrayList<>();
            jdbc.sql("""
                    select st_x(location), st_y(location), ts, speed_mps from device_position
                    where device_id in (:ids) and ts >= :from and ts < :to order by ts""")
                    .param("ids", terminals.stream().map(Terminal::id).toList())
                    .param("from", Timestamp.from(start)).param("to", Timestamp.from(end))
                    .query(rs -> {
                        coords.add(List.of(rs.getDouble(1), rs.getDouble(2)));
                        times.add(rs.getTimestamp(3).getTime());
                        float s = rs.getFloat(4);
                        speeds.add(rs.wasNull() ? null : s);
                    });
            return new Track("Feature", Map.of("type", "LineString", "coordinates", coords), Map.of(
                    "memberId", memberId, "devices", terminals.stream().map(Terminal::id).toList(),
                    "from", start.toString(), "to", end.toString(), "points", coords.size(),
                    "timesMs", times, "speedsMps", speeds));
        });
    }

    private static Instant instant(String field, String raw, Instant fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, "must be ISO-8601 with an offset, e.g. 2026-11-26T22:00:00+08:00");
        }
    }
}
