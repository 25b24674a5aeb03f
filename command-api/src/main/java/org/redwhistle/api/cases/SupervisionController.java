package org.redwhistle.api.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** {@code GET /api/v1/supervision}: warnings and supervision orders (督办单) in the caller's area, newest first. */
@RestController
@RequestMapping("/api/v1/supervision")
public class SupervisionController {

    private final CaseSupervisor supervisor;
    private final Blocking blocking;

    public SupervisionController(CaseSupervisor supervisor, Blocking blocking) {
        this.supervisor = supervisor;
        this.blocking = blocking;
    }

    @GetMapping
    public Mono<Map<String, Object>> list(Caller caller, @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "200") int limit) {
        CurrentUser user = caller.user();
        Instant from = since == null ? Instant.now().minus(Duration.ofDays(30)) : Params.instant("since", since);
        if (limit < 1 || limit > 1000) {
            throw ApiException.badField("limit", "must be from 1 to 1000");
        }
        return blocking.call(() -> Map.of("items", supervisor.list(user.areaId(), from, limit)));
    }

    /** Warnings and orders counted per responsible unit (督办 counts against the unit), most orders first. */
    @GetMapping("/summary")
    public Mono<Map<String, Object>> summary(Caller caller, @RequestParam(required = false) String since) {
        CurrentUser user = caller.user();
        Instant from = since == null ? Instant.now().minus(Duration.ofDays(365)) : Params.instant("since", since);
        return blocking.call(() -> Map.of("since", from, "units", supervisor.perUnit(user.areaId(), from)));
    }
}
