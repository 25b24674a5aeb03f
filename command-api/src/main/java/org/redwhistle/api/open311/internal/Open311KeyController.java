package org.redwhistle.api.open311.internal;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** Open311 keys for clients (ADMIN): the key is shown once. */
@RestController
@RequestMapping("/api/v1/open311-keys")
class Open311KeyController {

    private final Open311Keys keys;
    private final Blocking blocking;

    Open311KeyController(Open311Keys keys, Blocking blocking) {
        this.keys = keys;
        this.blocking = blocking;
    }

    public record NewOpen311Key(String name, Long areaId) {
    }

    @PostMapping
    public Mono<Open311Keys.Issued> issue(Caller caller, @RequestBody NewOpen311Key body) {
        CurrentUser user = caller.user();
        if (body.name() == null || body.name().isBlank()) {
            throw ApiException.badField("name", "is required");
        }
        if (body.areaId() == null) {
            throw ApiException.badField("areaId", "is required");
        }
        return blocking.call(() -> keys.issue(body.name(), body.areaId(), user.username()));
    }
}
