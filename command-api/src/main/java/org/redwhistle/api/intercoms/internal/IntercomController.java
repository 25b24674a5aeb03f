package org.redwhistle.api.intercoms.internal;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** A building door's video intercom for the dashboard's device popup: its latest calls, openings and alarms in words. */
@RestController
@RequestMapping("/api/v1/intercoms")
class IntercomController {

    private final IntercomActivity activity;
    private final Blocking blocking;

    IntercomController(IntercomActivity activity, Blocking blocking) {
        this.activity = activity;
        this.blocking = blocking;
    }

    /** The latest {@code limit} (1–50, default 10) events of a video intercom the caller reaches. */
    @GetMapping("/{id}/activity")
    public Mono<IntercomActivity.Activity> activity(Caller caller, @PathVariable String id, @RequestParam(defaultValue = "10") int limit) {
        if (limit < 1 || limit > 50) {
            throw ApiException.badField("limit", "must be between 1 and 50");
        }
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> activity.of(reach, id, limit).orElseThrow(() -> ApiException.notFound("video intercom " + id)));
    }
}
