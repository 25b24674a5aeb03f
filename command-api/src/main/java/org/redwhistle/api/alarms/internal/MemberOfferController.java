package org.redwhistle.api.alarms.internal;

import java.time.Clock;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/members/me/offers}: the caller's dispatches for the patrol phone (what it restores on opening and
 * after a reconnect). Served by alarms, which owns dispatches; the path is the member's own, next to
 * {@code /members/me}.
 */
@RestController
class MemberOfferController {

    private final MemberOffers offers;
    private final Blocking blocking;
    private final Clock clock;

    MemberOfferController(MemberOffers offers, Blocking blocking, Clock clock) {
        this.offers = offers;
        this.blocking = blocking;
        this.clock = clock;
    }

    @GetMapping("/api/v1/members/me/offers")
    public Mono<MemberOffers.Offers> mine(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> offers.of(user.id(), user.username(), clock.instant()));
    }
}
