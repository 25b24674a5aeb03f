package org.redwhistle.api.deadletters.internal;

import java.time.Instant;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
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

    private final DeadLetterStore store;
    private final Blocking blocking;

    DeadLetterController(DeadLetterStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
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
        DeviceScope reach = DeviceScope.of(caller);
        // a message naming no registered device (no area) is reached only by ALL
        DeviceScope bounded = caller.is(Scope.ALL) ? null : reach;
        return blocking.call(() -> new DeadLetterPage(store.list(bounded, deviceId, from, limit)));
    }
}
