package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.Uploads;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.areas.BoundingBox;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
    private final AlarmAccess access;
    private final AlarmActions actions;
    private final DispatchProposal proposals;
    private final AlarmTimeline timeline;
    private final AlarmPhotos photos;

    AlarmController(AlarmQueries queries, AreaScope scope, Blocking blocking, CameraCoverage cameras, AlarmAccess access, AlarmActions actions,
            DispatchProposal proposals, AlarmTimeline timeline, AlarmPhotos photos) {
        this.cameras = cameras;
        this.access = access;
        this.actions = actions;
        this.proposals = proposals;
        this.timeline = timeline;
        this.photos = photos;
        this.queries = queries;
        this.scope = scope;
        this.blocking = blocking;
    }

    /** A page of alarms. */
    public record AlarmPage(List<AlarmView> items) {
    }

    @GetMapping
    public Mono<AlarmPage> list(Caller caller,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long areaId,
            @RequestParam(required = false) String bbox,
            @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "200") int limit,
            @RequestParam(required = false) String crs) {
        CurrentUser user = caller.user();
        var system = Crs.parse("crs", crs);
        // alarms.read: the command center its area's, a responder those dispatched to them
        Long dispatchedTo = switch (caller.scope()) {
            case ALL, AREA -> null;
            case OWN -> user.id();
            case SHARED -> throw caller.unsupportedScope();
        };
        // a responder's own alarms wherever they were sent (an auto-dispatch may cross their area's edge), like visible()
        Long scopeArea = dispatchedTo == null ? user.areaId() : null;
        var filter = new AlarmQueries.Filter(scopeArea, dispatchedTo, statuses(status), areaId, BoundingBox.parse(bbox), since(since),
                limit(limit), AlarmAudience.hiddenFrom(user.role()));
        return blocking.call(() -> {
            if (areaId != null) {
                scope.requireInside(user, areaId);
            }
            return new AlarmPage(queries.list(filter).stream().map(a -> a.in(system)).toList());
        });
    }

    /** {@code crs} (wgs84 default, gcj02, bd09): the position in that system. */
    @GetMapping("/{id}")
    public Mono<AlarmView> get(Caller caller, @PathVariable long id, @RequestParam(required = false) String crs) {
        var system = Crs.parse("crs", crs);
        return blocking.call(() -> access.visible(caller, id).in(system));
    }

    /** The cameras that see the alarm's location, nearest first: what the operator opens first. */
    @GetMapping("/{id}/cameras")
    public Mono<Cameras> cameras(Caller caller, @PathVariable long id) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            AlarmView a = access.visible(caller, id);
            return new Cameras(id, cameras.covering(a.lon(), a.lat(), area -> scope.isInside(user, area)));
        });
    }

    /** The cameras that see an alarm's place, nearest first. */
    public record Cameras(long alarmId, List<CameraCoverage.Seen> items) {
    }

    /** Who to send: the nearest available patrol members and police, and the cameras that see the place. */
    @GetMapping("/{id}/proposal")
    public Mono<DispatchProposal.Proposal> proposal(Caller caller, @PathVariable long id) {
        return blocking.call(() -> proposals.of(caller, id));
    }

    /** The alarm's steps (in words, with who took them) and the members sent to it with their states. */
    @GetMapping("/{id}/timeline")
    public Mono<AlarmTimeline.Timeline> timeline(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            return timeline.of(access.visible(caller, id));
        });
    }

    /** {@code note} (resolve and false-alarm need one); {@code memberIds} for dispatch (default: the proposal). */
    public record ActionBody(String note, List<Long> memberIds) {
    }

    @Refuses(status = 409, when = "the alarm is not in a state that allows this action (e.g. already resolved)")
    @PostMapping("/{id}/acknowledge")
    public Mono<AlarmView> acknowledge(Caller caller, @PathVariable long id, @RequestBody(required = false) ActionBody body) {
        return act(caller, id, new AlarmCommand.Acknowledge(note(body)));
    }

    /** Sends {@code memberIds} (default: the proposal); each gets the alert on /user/queue/alerts. */
    @Refuses(status = 409, when = "the alarm is not in a state that allows this action (e.g. already resolved), or no available patrol member is near enough to dispatch")
    @PostMapping("/{id}/dispatch")
    public Mono<AlarmView> dispatch(Caller caller, @PathVariable long id, @RequestBody(required = false) ActionBody body) {
        return act(caller, id, new AlarmCommand.Dispatch(note(body), body == null ? null : body.memberIds()));
    }

    /** Closes the alarm as a false alarm; needs a {@code note}. */
    @Refuses(status = 409, when = "the alarm is not in a state that allows this action (e.g. already resolved)")
    @PostMapping("/{id}/false-alarm")
    public Mono<AlarmView> falseAlarm(Caller caller, @PathVariable long id, @RequestBody(required = false) ActionBody body) {
        return act(caller, id, new AlarmCommand.FalseAlarm(note(body)));
    }

    /** Turns the alarm into a 小红哨 case at its place and resolves it; needs a {@code note}. */
    @Refuses(status = 409, when = "the alarm is not in a state that allows this action (e.g. already resolved)")
    @PostMapping("/{id}/to-case")
    public Mono<AlarmView> toCase(Caller caller, @PathVariable long id, @RequestBody(required = false) ActionBody body) {
        return act(caller, id, new AlarmCommand.ToCase(note(body)));
    }

    /** Resolves the alarm with a {@code note}: the command center, or a member who accepted its dispatch. */
    @Refuses(status = 409, when = "the alarm is not in a state that allows this action (e.g. already resolved)")
    @PostMapping("/{id}/resolve")
    public Mono<AlarmView> resolve(Caller caller, @PathVariable long id, @RequestBody(required = false) ActionBody body) {
        return act(caller, id, new AlarmCommand.Resolve(note(body)));
    }

    /** A dispatched member accepts the offer. */
    @Refuses(status = 409, when = "no open dispatch of this alarm to you")
    @PostMapping("/{id}/accept")
    public Mono<AlarmView> accept(Caller caller, @PathVariable long id) {
        return act(caller, id, new AlarmCommand.Answer(true, null));
    }

    /** A dispatched member declines the offer (an optional {@code note}: why) and is available again. */
    @Refuses(status = 409, when = "no open dispatch of this alarm to you")
    @PostMapping("/{id}/decline")
    public Mono<AlarmView> decline(Caller caller, @PathVariable long id, @RequestBody(required = false) ActionBody body) {
        return act(caller, id, new AlarmCommand.Answer(false, note(body)));
    }

    private Mono<AlarmView> act(Caller caller, long id, AlarmCommand command) {
        return blocking.call(() -> actions.act(caller, id, command));
    }

    private static String note(ActionBody body) {
        return body == null ? null : body.note();
    }

    /**
     * A photo of the scene, as the request body (Content-Type image/jpeg, image/png or image/webp,
     * at most 5 MiB). Returns its id and where to fetch it.
     */
    @PostMapping("/{id}/photos")
    public Mono<AlarmPhotos.Added> addPhoto(Caller caller, @PathVariable long id,
            ServerHttpRequest request) {
        String type = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        return Uploads.body(request, AlarmPhotos.MAX_BYTES, () -> ApiException.badField("photo", "at most " + AlarmPhotos.MAX_BYTES / 1024 / 1024 + " MiB"))
                .flatMap(bytes -> blocking.call(() -> photos.add(caller, id, type, bytes)));
    }

    @GetMapping("/{id}/photos/{photoId}")
    public Mono<ResponseEntity<byte[]>> photo(Caller caller, @PathVariable long id,
            @PathVariable long photoId) {
        return blocking.call(() -> {
            AlarmPhotos.Photo p = photos.get(caller, id, photoId);
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
        return Params.instant("since", raw, null);
    }

    private static int limit(int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be between 1 and 1000");
        }
        return limit;
    }
}
