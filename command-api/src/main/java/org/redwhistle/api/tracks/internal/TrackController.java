package org.redwhistle.api.tracks.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Track replay: a patrol member's positions as an RFC 7946 LineString, from the terminals they
 * carry and from their phone. {@code memberId} is a member's numeric id, a member's username (their
 * terminals also carry {@code attributes.member}), or a patrol terminal's id. The command center,
 * police and leaders replay anyone in their area; a responder only their own track.
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
    public Mono<Track> track(Caller caller, @PathVariable String memberId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        CurrentUser user = caller.user();
        Instant end = Params.instant("to", to, Instant.now());
        Instant start = Params.instant("from", from, end.minus(Duration.ofHours(12)));
        if (!start.isBefore(end)) {
            throw ApiException.badField("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.badField("from", "the window may span at most 7 days");
        }
        return blocking.call(() -> {
            // the member: by numeric id or username; their terminals: the one they carry, any naming them, or the id itself
            // tracks.read: the command center any member and terminal inside its area; a responder only their own
            boolean own = switch (caller.scope()) {
                case ALL, AREA -> false;
                case OWN -> true;
                case SHARED -> throw caller.unsupportedScope();
            };
            List<Long> members = jdbc.sql("""
                    select m.id from member m left join app_user u on u.id = m.user_id
                    where (m.id::text = :m or u.username = :m or m.device_id = :m) and (not :own or m.user_id = :uid)""")
                    .param("m", memberId).param("own", own).param("uid", user.id()).query(Long.class).list().stream()
                    .filter(id -> user.covers(jdbc.sql("select a.path from member m join area a on a.id = m.area_id where m.id = ?")
                            .param(id).query((rs, i) -> List.of((Long[]) rs.getArray(1).getArray())).single()))
                    .toList();
            List<Terminal> terminals = jdbc.sql("""
                    select d.id, d.area_id from device d
                    where d.kind = 'patrol_terminal' and (
                        (not :own and (d.id = :m or d.attributes->>'member' = :m))
                        or (cardinality(:members) > 0 and :own and d.attributes->>'member' = (select username from app_user where id = :uid))
                        or d.id in (select device_id from member where id = any(:members)))
                    order by d.id""")
                    .param("m", memberId).param("own", own).param("uid", user.id()).param("members", members.toArray(Long[]::new))
                    .query((rs, i) -> new Terminal(rs.getString(1), rs.getLong(2))).list()
                    .stream().filter(t -> scope.isInside(user, t.areaId())).toList();
            if (terminals.isEmpty() && members.isEmpty()) {
                throw ApiException.notFound("patrol member or terminal " + memberId);
            }
            List<List<Double>> coords = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            List<Float> speeds = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            jdbc.sql("""
                    select lon, lat, ts, speed, src from (
                        select st_x(location) lon, st_y(location) lat, ts, speed_mps speed, device_id src from device_position
                        where device_id = any(:ids) and ts >= :from and ts < :to
                        union all
                        select st_x(location), st_y(location), ts, null::real, 'phone' from member_position
                        where member_id = any(:members) and ts >= :from and ts < :to) p
                    order by ts""")
                    .param("ids", terminals.stream().map(Terminal::id).toArray(String[]::new))
                    .param("members", members.toArray(Long[]::new))
                    .param("from", Timestamp.from(start)).param("to", Timestamp.from(end))
                    .query(rs -> {
                        coords.add(List.of(rs.getDouble(1), rs.getDouble(2)));
                        times.add(rs.getTimestamp(3).getTime());
                        float sp = rs.getFloat(4);
                        speeds.add(rs.wasNull() ? null : sp);
                        sources.add(rs.getString(5));
                    });
            return new Track("Feature", Map.of("type", "LineString", "coordinates", coords), Map.of(
                    "memberId", memberId, "members", members, "devices", terminals.stream().map(Terminal::id).toList(),
                    "from", start.toString(), "to", end.toString(), "points", coords.size(),
                    "timesMs", times, "speedsMps", speeds, "sources", sources));
        });
    }

}
