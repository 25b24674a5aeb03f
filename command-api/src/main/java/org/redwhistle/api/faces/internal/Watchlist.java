package org.redwhistle.api.faces.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.faces.FaceWatchlist;
import org.redwhistle.api.faces.WatchedFace;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The police's face watchlist (布控名单): entries added and ended inside the caller's area, each
 * change audited; the open entries held in memory for the alarm rules, reloaded on change here and
 * every 30 s for changes made on other instances. Anything outside the caller's area is 404.
 */
@Component
class Watchlist implements FaceWatchlist {

    /** What the police enter: a person id as the face gates know it, an alias, a reason, optionally an area and an end. */
    public record NewEntry(String personId, String alias, String reason, Long areaId, Instant validUntil) {
    }

    private final WatchlistStore store;
    private final AuditLog audit;
    private final AreaScope areas;
    private final TransactionTemplate tx;
    private final Clock clock;
    private volatile Map<String, List<WatchedFace>> open = Map.of();

    Watchlist(WatchlistStore store, AuditLog audit, AreaScope areas, TransactionTemplate tx, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.areas = areas;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public Optional<WatchedFace> watched(String personId, List<Long> areaPath, Instant at) {
        return open.getOrDefault(personId, List.of()).stream().filter(w -> w.appliesTo(areaPath, at)).findFirst();
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(initialDelayString = "PT30S", fixedDelayString = "PT30S")
    public void reload() {
        Map<String, List<WatchedFace>> m = new HashMap<>();
        for (WatchedFace w : store.open()) {
            m.computeIfAbsent(w.personId(), k -> new ArrayList<>()).add(w);
        }
        open = Map.copyOf(m);
    }

    List<WatchlistEntry> list(Caller caller, boolean withEnded) {
        return store.list(scope(caller), withEnded, clock.instant());
    }

    WatchlistEntry add(Caller caller, NewEntry in) {
        String personId = required("personId", in.personId(), 64);
        String alias = required("alias", in.alias(), 40);
        String reason = required("reason", in.reason(), 40);
        Instant now = clock.instant();
        if (in.validUntil() != null && !in.validUntil().isAfter(now)) {
            throw ApiException.badField("validUntil", "must lie in the future (or be left out: until ended)");
        }
        Long own = caller.user().areaId();
        long areaId = in.areaId() != null ? in.areaId() : Optional.ofNullable(own).orElseThrow(() -> ApiException.badField("areaId",
                "is required for a user without an area"));
        if (!areas.isInside(caller.user(), areaId)) {
            throw ApiException.notFound("area " + areaId);
        }
        long id = insert(personId, alias, reason, areaId, in.validUntil(), caller.user().username(), now, true);
        return store.find(id, null, now).orElseThrow();
    }

    @Override
    public boolean watch(String personId, String alias, String reason, long areaId, Instant validUntil, String by) {
        return !store.everFor(personId, areaId) && insert(personId, alias, reason, areaId, validUntil, by, clock.instant(), false) > 0;
    }

    /** Inserts and audits the entry; an open entry of the person in the area is a 409 if {@code refuseOpen}, else kept. */
    private long insert(String personId, String alias, String reason, long areaId, Instant validUntil, String user, Instant now, boolean refuseOpen) {
        ApiException open = new ApiException(HttpStatus.CONFLICT, "Not allowed now", "人员编号 " + personId + " 已在该辖区的布控名单中：请先撤控原条目",
                List.of());
        long id;
        try {
            id = tx.execute(s -> {
            if (store.openFor(personId, areaId)) {
                if (!refuseOpen) {
                    return -1L;
                }
                throw open;
            }
            long created = store.insert(personId, alias, reason, areaId, validUntil, user, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("personId", personId);
            detail.put("alias", alias);
            detail.put("areaId", areaId);
            detail.put("validUntil", validUntil == null ? null : validUntil.toString());
            audit.record(user, "face-watchlist.added", "face_watchlist", String.valueOf(created), reason, detail);
            return created;
            });
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // added at the same moment by someone else (face_watchlist_open_idx)
            if (refuseOpen) {
                throw open;
            }
            id = -1L;
        }
        reload();
        return id;
    }

    WatchlistEntry end(Caller caller, long id, String note) {
        Instant now = clock.instant();
        String user = caller.user().username();
        String why = note == null || note.isBlank() ? null : note.strip();
        if (why != null && why.length() > 200) {
            throw ApiException.badField("note", "at most 200 characters");
        }
        tx.executeWithoutResult(s -> {
            WatchlistEntry e = store.find(id, scope(caller), now).orElseThrow(() -> ApiException.notFound("watchlist entry " + id));
            if (!store.end(id, user, why, now)) {
                throw new ApiException(HttpStatus.CONFLICT, "Not allowed now", "该布控条目已于此前撤控", List.of());
            }
            audit.record(user, "face-watchlist.ended", "face_watchlist", String.valueOf(id), why,
                    Map.of("personId", e.personId(), "areaId", e.areaId()));
        });
        reload();
        return store.find(id, null, now).orElseThrow();
    }

    private static Long scope(Caller caller) {
        return switch (caller.scope()) {
            case ALL -> null;
            case AREA -> Optional.ofNullable(caller.user().areaId()).orElseThrow(() -> ApiException.forbidden("user has no area"));
            case OWN, SHARED -> throw caller.unsupportedScope();
        };
    }

    private static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, "is required");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ApiException.badField(field, "at most " + max + " characters");
        }
        return v;
    }
}
