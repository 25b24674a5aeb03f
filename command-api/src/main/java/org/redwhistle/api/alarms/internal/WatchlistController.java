package org.redwhistle.api.alarms.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** The plate watchlist (布控) for police and the command center; every change audited. */
@RestController
@RequestMapping("/api/v1/watchlist")
class WatchlistController {

    private final PlateWatchlist list;
    private final AuditLog audit;
    private final Blocking blocking;

    WatchlistController(PlateWatchlist list, AuditLog audit, Blocking blocking) {
        this.list = list;
        this.audit = audit;
        this.blocking = blocking;
    }

    /** The watched plates. */
    public record Entries(List<PlateWatchlist.WatchedPlate> items) {
    }

    /** The plate no longer watched. */
    public record Removed(String removed) {
    }

    @GetMapping
    public Mono<Entries> all(Caller caller) {
        return blocking.call(() -> new Entries(list.entries()));
    }

    @PostMapping
    public Mono<PlateWatchlist.WatchedPlate> add(Caller caller, @RequestBody PlateWatchlist.WatchedPlate e) {
        if (e.plate() == null || e.plate().isBlank() || e.plate().length() > 16) {
            throw ApiException.badField("plate", "is required, at most 16 characters");
        }
        if (e.reason() == null || e.reason().isBlank()) {
            throw ApiException.badField("reason", "is required");
        }
        String user = caller.user().username();
        return blocking.call(() -> {
            PlateWatchlist.WatchedPlate added = list.put(e.plate(), e.reason(), user);
            audit.record(user, "watchlist.added", "plate", added.plate(), e.reason(), Map.of());
            return added;
        });
    }

    @DeleteMapping("/{plate}")
    public Mono<Removed> remove(Caller caller, @PathVariable String plate) {
        String user = caller.user().username();
        return blocking.call(() -> {
            if (!list.remove(plate)) {
                throw ApiException.notFound("plate " + plate + " on the watchlist");
            }
            String normalised = PlateWatchlist.normalise(plate);
            audit.record(user, "watchlist.removed", "plate", normalised, null, Map.of());
            return new Removed(normalised);
        });
    }
}
