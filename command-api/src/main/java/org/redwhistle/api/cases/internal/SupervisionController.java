package org.redwhistle.api.cases.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** {@code GET /api/v1/supervision}: warnings and supervision orders (督办单) in the caller's area, newest first. */
@RestController
@RequestMapping("/api/v1/supervision")
public class SupervisionController {

    private final SupervisionStore supervisions;
    private final Blocking blocking;
    private final Clock clock;
    private final CaseHandling handling;

    public SupervisionController(SupervisionStore supervisions, Blocking blocking, Clock clock, CaseHandling handling) {
        this.handling = handling;
        this.clock = clock;
        this.supervisions = supervisions;
        this.blocking = blocking;
    }

    /** Warnings and orders, newest first. */
    public record SupervisionPage(List<SupervisionStore.Supervision> items) {
    }

    /** Counts per unit since a moment. */
    public record SupervisionSummary(Instant since, List<SupervisionStore.UnitCount> units) {
    }

    @GetMapping
    public Mono<SupervisionPage> list(Caller caller, @RequestParam(required = false) String since, @RequestParam(defaultValue = "200") int limit) {
        CurrentUser user = caller.user();
        Instant from = since == null ? clock.instant().minus(Duration.ofDays(30)) : Params.instant("since", since);
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be from 1 to 1000");
        }
        return blocking.call(() -> new SupervisionPage(supervisions.list(user.areaId(), department(user), from, limit)));
    }

    /** Warnings and orders counted per responsible unit (督办 counts against the unit), most orders first. */
    @GetMapping("/summary")
    public Mono<SupervisionSummary> summary(Caller caller, @RequestParam(required = false) String since) {
        CurrentUser user = caller.user();
        Instant from = since == null ? clock.instant().minus(Duration.ofDays(365)) : Params.instant("since", since);
        return blocking.call(() -> new SupervisionSummary(from, supervisions.perUnit(user.areaId(), department(user), from)));
    }

    /** A department's accounts see the supervision of the cases routed to their department only. */
    private Long department(CurrentUser user) {
        return user.role() == org.redwhistle.api.security.Role.DEPARTMENT ? handling.departmentOf(user).orElse(null) : null;
    }
}
