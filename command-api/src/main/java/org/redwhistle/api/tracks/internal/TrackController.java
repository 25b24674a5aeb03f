package org.redwhistle.api.tracks.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.members.MembersProperties;
import org.redwhistle.api.security.CurrentUser;
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
 * police and leaders replay anyone in their area; a responder only their own track. Phone and
 * terminal fixes are merged by the live position's rule ({@link #oneSourceAtATime}).
 */
@RestController
@RequestMapping("/api/v1/tracks")
public class TrackController {

    private static final Duration MAX_WINDOW = Duration.ofDays(7);

    private final TrackStore store;
    private final AreaScope scope;
    private final Blocking blocking;
    private final MembersProperties members;

    TrackController(TrackStore store, AreaScope scope, Blocking blocking, MembersProperties members) {
        this.members = members;
        this.store = store;
        this.scope = scope;
        this.blocking = blocking;
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
            List<Long> members = store.members(memberId, own, user.id()).stream()
                    .filter(m -> user.covers(m.areaPath())).map(TrackStore.Member::id).toList();
            List<String> terminals = store.terminals(memberId, own, user.id(), members).stream()
                    .filter(t -> scope.isInside(user, t.areaId())).map(TrackStore.Terminal::id).toList();
            if (terminals.isEmpty() && members.isEmpty()) {
                throw ApiException.notFound("patrol member or terminal " + memberId);
            }
            return track(memberId, members, terminals, start, end, store.positions(terminals, members, start, end));
        });
    }

    private Track track(String memberId, List<Long> members, List<String> terminals, Instant start, Instant end,
            List<TrackStore.Point> points) {
        List<List<Double>> coords = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Float> speeds = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<TrackStore.Point> kept = oneSourceAtATime(points, this.members);
        for (TrackStore.Point p : kept) {
            coords.add(List.of(p.lon(), p.lat()));
            times.add(p.timeMs());
            speeds.add(p.speedMps());
            sources.add(p.source());
        }
        return new Track("Feature", new Track.LineString("LineString", coords), new Track.Properties(memberId, members, terminals,
                start.toString(), end.toString(), coords.size(), times, speeds, sources, points.size() - kept.size()));
    }

    /**
     * The live position's rule applied to the stored fixes (oldest first): a terminal fix taken while the latest phone
     * fix before it is fresh is left out, so the replay follows one source at a time and never jumps between two.
     */
    static List<TrackStore.Point> oneSourceAtATime(List<TrackStore.Point> points, MembersProperties rule) {
        List<TrackStore.Point> kept = new ArrayList<>(points.size());
        Instant phoneAt = null;
        for (TrackStore.Point p : points) {
            Instant at = Instant.ofEpochMilli(p.timeMs());
            if (TrackStore.PHONE.equals(p.source())) {
                phoneAt = at;
                kept.add(p);
            } else if (!rule.phoneHolds(phoneAt, at)) {
                kept.add(p);
            }
        }
        return kept;
    }
}
