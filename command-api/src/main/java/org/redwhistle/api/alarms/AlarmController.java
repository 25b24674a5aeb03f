package org.redwhistle.api.alarms;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.areas.BoundingBox;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** Alarms inside the caller's area. */
@RestController
@RequestMapping("/api/v1/alarms")
public class AlarmController {

    private final AlarmQueries queries;
    private final AreaScope scope;
    private final Blocking blocking;
    private final CameraCoverage cameras;
    private final AlarmWorkflow workflow;

    public AlarmController(AlarmQueries queries, AreaScope scope, Blocking blocking, CameraCoverage cameras, AlarmWorkflow workflow) {
        this.cameras = cameras;
        this.workflow = workflow;
        this.queries = queries;
        this.scope = scope;
        this.blocking = blocking;
    }

    /** A page of alarms. */
    public record AlarmPage(List<AlarmView> items) {
    }

    @GetMapping
    public Mono<AlarmPage> list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long areaId,
            @RequestParam(required = false) String bbox,
            @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "200") int limit,
            @RequestParam(required = false) String crs) {
        CurrentUser user = CurrentUser.of(jwt);
        var system = Crs.parse("crs", crs);
        var filter = new AlarmQueries.Filter(user.areaId(), statuses(status), areaId, BoundingBox.parse(bbox), since(since), limit(limit));
        return blocking.call(() -> {
            if (areaId != null) {
                scope.requireInside(user, areaId);
            }
            return new AlarmPage(queries.list(filter).stream().map(a -> a.in(system)).toList());
        });
    }

    /** {@code crs} (wgs84 default, gcj02, bd09): the position in that system. */
    @GetMapping("/{id}")
    public Mono<AlarmView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable long id, @RequestParam(required = false) String crs) {
        CurrentUser user = CurrentUser.of(jwt);
        var system = Crs.parse("crs", crs);
        return blocking.call(() -> queries.find(id).filter(a -> user.covers(a.areaPath()))
                .orElseThrow(() -> ApiException.notFound("alarm " + id)).in(system));
    }

    /** The cameras that see the alarm's location, nearest first: what the operator opens first. */
    @GetMapping("/{id}/cameras")
    public Mono<Map<String, Object>> cameras(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> {
            AlarmView a = queries.find(id).filter(x -> user.covers(x.areaPath())).orElseThrow(() -> ApiException.notFound("alarm " + id));
            return Map.of("alarmId", id, "items", cameras.covering(a.lon(), a.lat(), area -> scope.isInside(user, area)));
        });
    }

    /** Who to send: the nearest available patrol members and police, and the cameras that see the place. */
    @GetMapping("/{id}/proposal")
    public Mono<Map<String, Object>> proposal(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> workflow.proposal(user, id));
    }

    @GetMapping("/{id}/timeline")
    public Mono<Map<String, Object>> timeline(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> workflow.timeline(user, id));
    }

    /** {@code note} (resolve and false-alarm need one); {@code memberIds} for dispatch (default: the proposal). */
    public record ActionBody(String note, List<Long> memberIds) {
    }

    /** acknowledge | dispatch | resolve | false-alarm (command center); accept | decline (a dispatched member). */
    @PostMapping("/{id}/{action}")
    public Mono<AlarmView> act(@AuthenticationPrincipal Jwt jwt, @PathVariable long id, @PathVariable String action,
            @RequestBody(required = false) ActionBody body) {
        CurrentUser user = CurrentUser.of(jwt);
        ActionBody in = body == null ? new ActionBody(null, null) : body;
        return blocking.call(() -> workflow.act(user, id, action, in.note(), in.memberIds()));
    }

    /**
     * A photo of the scene, as the request body (Content-Type image/jpeg, image/png or image/webp,
     * at most 5 MiB). Returns its id and where to fetch it.
     */
    @PostMapping("/{id}/photos")
    public Mono<Map<String, Object>> addPhoto(@AuthenticationPrincipal Jwt jwt, @PathVariable long id,
            ServerHttpRequest request) {
        CurrentUser user = CurrentUser.of(jwt);
        String type = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return DataBufferUtils.join(request.getBody(), AlarmWorkflow.MAX_PHOTO_BYTES)
                .map(buf -> {
                    byte[] bytes = new byte[buf.readableByteCount()];
                    buf.read(bytes);
                    DataBufferUtils.release(buf);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .onErrorMap(DataBufferLimitException.class,
                        e -> ApiException.badField("photo", "at most " + AlarmWorkflow.MAX_PHOTO_BYTES / 1024 / 1024 + " MiB"))
                .flatMap(bytes -> blocking.call(() -> {
                    long photoId = workflow.addPhoto(user, id, type, bytes);
                    return Map.<String, Object>of("id", photoId, "url", "/api/v1/alarms/" + id + "/photos/" + photoId);
                }));
    }

    @GetMapping("/{id}/photos/{photoId}")
    public Mono<ResponseEntity<byte[]>> photo(@AuthenticationPrincipal Jwt jwt, @PathVariable long id,
            @PathVariable long photoId) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> {
            AlarmWorkflow.Photo p = workflow.photo(user, id, photoId);
            return ResponseEntity.ok()
                    .contentType(MediaType.parseMediaType(p.contentType()))
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
                    .body(p.data());
        });
    }

    private static List<AlarmStatus> statuses(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<AlarmStatus> out = new ArrayList<>();
        for (String s : raw.split(",")) {
            try {
                out.add(AlarmStatus.valueOf(s.trim().toUpperCase().replace('-', '_')));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("status", "'" + s.trim() + "' is not one of " + List.of(AlarmStatus.values()));
            }
        }
        return out;
    }

    private static Instant since(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badField("since", "must be ISO-8601 with an offset, e.g. 2026-11-26T22:15:03+08:00");
        }
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be between 1 and 1000");
        }
        return limit;
    }
}
