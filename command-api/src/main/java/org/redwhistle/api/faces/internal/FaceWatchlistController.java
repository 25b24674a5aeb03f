package org.redwhistle.api.faces.internal;

import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.Refuses;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The police's face watchlist (布控名单) inside their area: person ids as the face gates know them,
 * with alias, reason, area and end. The platform stores no face images or face templates: matching
 * happens on the face gates, which report the person id they matched. Every change is audited.
 */
@RestController
@RequestMapping("/api/v1/face-watchlist")
class FaceWatchlistController {

    private final Watchlist watchlist;
    private final Blocking blocking;

    FaceWatchlistController(Watchlist watchlist, Blocking blocking) {
        this.watchlist = watchlist;
        this.blocking = blocking;
    }

    /** The entries of the caller's area. */
    public record Entries(List<WatchlistEntry> items) {
    }

    /** Open entries (also expired ones, marked 已过期); {@code ended=true} adds the ended ones. */
    @GetMapping
    public Mono<Entries> list(Caller caller, @RequestParam(defaultValue = "false") boolean ended) {
        return blocking.call(() -> new Entries(watchlist.list(caller, ended)));
    }

    /**
     * Puts a person id on the watchlist: {@code personId} (the id the face gates know, e.g. WL-0001), {@code alias},
     * {@code reason} (e.g. 在逃人员, 盗窃嫌疑人, 走失老人), {@code areaId} (default: the caller's area) and
     * {@code validUntil} (default: until ended). No image or face template is accepted or stored.
     */
    @Refuses(status = 409, when = "the person id already has an open entry for that area")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<WatchlistEntry> add(Caller caller, @RequestBody Watchlist.NewEntry entry) {
        return blocking.call(() -> watchlist.add(caller, entry));
    }

    /** Ends the entry (撤控) with an optional {@code note}; it stays listed with {@code ended=true}, and past alarms keep it. */
    @Refuses(status = 409, when = "the entry was ended already")
    @DeleteMapping("/{id}")
    public Mono<WatchlistEntry> end(Caller caller, @PathVariable long id, @RequestParam(required = false) String note) {
        return blocking.call(() -> watchlist.end(caller, id, note));
    }
}
