package org.redwhistle.api.members.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.members.DutyGates;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.Members.MemberView;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.responders.ResponderLocator;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Responders (平安联盟 patrol members, 网格员 grid workers, police): the list, who is nearest to a
 * point (live from memory, or at a past time from PostGIS), a member's own position reports from
 * the phone page, and duty states.
 */
@RestController
@RequestMapping("/api/v1/members")
public class MemberController {

    static final double MAX_RADIUS_M = 50_000;
    static final int MAX_LIMIT = 100;

    private final Members members;
    private final ResponderLocator locator;
    private final AuditLog audit;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final DutyGates gates;
    private final java.time.Clock clock;

    public MemberController(Members members, ResponderLocator locator, AuditLog audit, Blocking blocking, TransactionTemplate tx, DutyGates gates,
            java.time.Clock clock) {
        this.gates = gates;
        this.clock = clock;
        this.members = members;
        this.locator = locator;
        this.audit = audit;
        this.blocking = blocking;
        this.tx = tx;
    }

    /** The members the caller may see. */
    public record MemberList(List<MemberView> items) {
    }

    @GetMapping
    public Mono<MemberList> list(Caller caller, @RequestParam(required = false) String role,
            @RequestParam(required = false) String state) {
        CurrentUser user = caller.user();
        String r = role == null ? null : Params.enumValue(ResponderRole.class, "role", role).name();
        String s = state == null ? null : Params.enumValue(ResponderState.class, "state", state).name();
        return blocking.call(() -> new MemberList(members.list(user.areaId(), r, s)));
    }

    /** One nearby member, with its position in the requested coordinate system. */
    public record NearbyMember(long memberId, String name, String role, String state, double distanceM, double lon, double lat,
            Instant locatedAt, long ageS) {
    }

    /**
     * The question as understood: the point in the caller's coordinate system, the filters, and the
     * past time asked about (null for now). {@code states} is the state filter, or the text
     * {@code "not historised"} for a past time, whose states are not kept.
     */
    public record NearbyQuery(Double lon, Double lat, String crs, double radiusM, int limit, Set<ResponderRole> roles, Object states,
            Instant at) {
    }

    /** Who is near: {@code source} is {@code live} (the index) or {@code history} (PostGIS, at a past time). */
    public record NearbyAnswer(NearbyQuery query, String source, List<NearbyMember> items) {
    }

    @GetMapping("/nearby")
    public Mono<NearbyAnswer> nearby(Caller caller, @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double lat, @RequestParam(required = false) String crs,
            @RequestParam(defaultValue = "1000") double radiusM, @RequestParam(defaultValue = "5") int limit,
            @RequestParam(required = false) String role, @RequestParam(required = false) String state,
            @RequestParam(required = false) String at) {
        CurrentUser user = caller.user();
        Crs.checkLonLat(lon, lat);
        CoordinateSystem system = Crs.parse("crs", crs);
        if (!(radiusM > 0 && radiusM <= MAX_RADIUS_M)) {
            throw ApiException.badField("radiusM", "must be more than 0 and at most " + (int) MAX_RADIUS_M);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badField("limit", "must be from 1 to " + MAX_LIMIT);
        }
        Set<ResponderRole> roles = set(ResponderRole.class, "role", role, EnumSet.noneOf(ResponderRole.class));
        Set<ResponderState> states = set(ResponderState.class, "state", state, EnumSet.of(ResponderState.AVAILABLE));
        Instant when = at == null || at.isBlank() ? null : Params.instant("at", at);
        ChineseCoordinates.LonLat p = Crs.toWgs84(system, lon, lat);
        NearbyQuery query = new NearbyQuery(lon, lat, system.wire(), radiusM, limit, roles, when == null ? states : "not historised", when);
        Instant now = Instant.now();
        if (when == null) {
            return Mono.just(answer(query, "live", now, system,
                    locator.nearby(p.lon(), p.lat(), radiusM, limit, roles, states, user::covers)));
        }
        return blocking.call(() -> answer(query, "history", when, system,
                locator.nearbyAt(when, p.lon(), p.lat(), radiusM, limit, roles, user::covers)));
    }

    private static NearbyAnswer answer(NearbyQuery query, String source, Instant reference, CoordinateSystem crs,
            List<ResponderLocator.Nearby> hits) {
        List<NearbyMember> items = new ArrayList<>();
        for (ResponderLocator.Nearby h : hits) {
            var r = h.responder();
            ChineseCoordinates.LonLat out = Crs.fromWgs84(crs, r.lon(), r.lat());
            items.add(new NearbyMember(r.id(), r.name(), r.role().name(), r.state().name(), Math.round(h.distanceM() * 10) / 10.0,
                    out.lon(), out.lat(), r.at(), Math.max(0, Duration.between(r.at(), reference).toSeconds())));
        }
        return new NearbyAnswer(query, source, items);
    }

    /**
     * The caller's own member record, as the phone page restores it on opening: the duty state (in words too), the live
     * position (WGS-84) with where it came from ({@code phone} or {@code terminal}, in words) and how old it is.
     */
    public record Me(MemberView member, String stateLabel, String positionSource, String positionSourceLabel, Long positionAgeS) {
    }

    static String stateLabel(String state) {
        return switch (state) {
            case "OFF_DUTY" -> "下岗";
            case "AVAILABLE" -> "在岗";
            case "BUSY" -> "执行任务";
            default -> state;
        };
    }

    @GetMapping("/me")
    public Mono<Me> me(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            MemberView me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            String source = me.locatedAt() == null ? null : members.positionSource(me.id()).orElse(null);
            Long age = me.locatedAt() == null ? null : Math.max(0, Duration.between(me.locatedAt(), clock.instant()).toSeconds());
            String sourceLabel = source == null ? null : "phone".equals(source) ? "手机定位" : "巡逻终端";
            return new Me(me, stateLabel(me.state()), source, sourceLabel, age);
        });
    }

    /** A position from the member's own phone (the phone page), in any of the three coordinate systems. */
    public record PositionReport(Double lon, Double lat, String crs, Float accuracyM, String ts) {
    }

    /** A position taken: where (WGS-84), when, and whether it became the member's live position (it was newer). */
    public record PositionAccepted(long memberId, double lon, double lat, Instant ts, boolean live) {
    }

    @PostMapping("/me/position")
    public Mono<PositionAccepted> myPosition(Caller caller, @RequestBody PositionReport body) {
        CurrentUser user = caller.user();
        Crs.checkLonLat(body.lon(), body.lat());
        CoordinateSystem system = Crs.parse("crs", body.crs());
        if (body.accuracyM() != null && !(body.accuracyM() >= 0 && body.accuracyM() <= 10_000)) {
            throw ApiException.badField("accuracyM", "must be from 0 to 10000");
        }
        Instant now = Instant.now();
        Instant ts = body.ts() == null ? now : Params.instant("ts", body.ts());
        if (ts.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ApiException.badField("ts", "is more than 5 minutes in the future");
        }
        if (ts.isBefore(now.minus(Duration.ofDays(1)))) {
            throw ApiException.badField("ts", "is more than a day old");
        }
        ChineseCoordinates.LonLat p = Crs.toWgs84(system, body.lon(), body.lat());
        return blocking.call(() -> {
            var me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            boolean live = members.reportPhoneFix(me.id(), p.lon(), p.lat(), body.accuracyM(), ts);
            return new PositionAccepted(me.id(), p.lon(), p.lat(), ts, live);
        });
    }

    public record StateChange(String state) {
    }

    /** A duty state changed, and what it was. */
    public record StateChanged(long memberId, String state, String previous) {
    }

    @PutMapping("/me/state")
    public Mono<StateChanged> myState(Caller caller, @RequestBody StateChange body) {
        CurrentUser user = caller.user();
        ResponderState state = Params.enumValue(ResponderState.class, "state", body.state());
        return blocking.call(() -> {
            var me = members.byUser(user.id()).orElseThrow(() -> ApiException.notFound("a member record for user " + user.username()));
            return changeState(user, me.id(), state);
        });
    }

    /** The command center marks a responder busy (dispatched) or available again. */
    @PutMapping("/{id}/state")
    public Mono<StateChanged> state(Caller caller, @PathVariable long id, @RequestBody StateChange body) {
        CurrentUser user = caller.user();
        ResponderState state = Params.enumValue(ResponderState.class, "state", body.state());
        return blocking.call(() -> {
            if (!user.covers(members.areaPath(id))) {
                throw ApiException.notFound("member " + id);
            }
            return changeState(user, id, state);
        });
    }

    private StateChanged changeState(CurrentUser user, long memberId, ResponderState state) {
        if (state == ResponderState.AVAILABLE) {
            gates.refusal(memberId).ifPresent(why -> {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", why, List.of());
            });
        }
        String previous = tx.execute(s -> {
            String p = members.setState(memberId, state).orElseThrow(() -> ApiException.notFound("member " + memberId));
            audit.record(user.username(), "member.state", "member", String.valueOf(memberId), null, Map.of("from", p, "to", state.name()));
            return p;
        });
        members.stateCommitted(memberId, state);
        return new StateChanged(memberId, state.name(), previous);
    }

    private static <E extends Enum<E>> Set<E> set(Class<E> type, String field, String csv, Set<E> fallback) {
        if (csv == null || csv.isBlank()) {
            return fallback;
        }
        Set<E> out = EnumSet.noneOf(type);
        for (String v : csv.split(",")) {
            out.add(Params.enumValue(type, field, v));
        }
        return out;
    }

}
