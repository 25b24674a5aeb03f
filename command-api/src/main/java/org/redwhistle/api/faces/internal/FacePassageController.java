package org.redwhistle.api.faces.internal;

import java.util.List;
import java.util.Set;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Who passed the face gates of the caller's area, newest first, within the retention period
 * ({@code redwhistle.faces.passage-retention}); for the police only. The snapshot links lead to
 * {@code /api/v1/snapshots}, which serves a face gate's pictures only to holders of face-passages.read.
 */
@RestController
@RequestMapping("/api/v1/face-passages")
class FacePassageController {

    private static final Set<String> MATCHES = Set.of("watchlist", "stranger", "known");

    private final PassageStore store;
    private final Blocking blocking;

    FacePassageController(PassageStore store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    /** A page of passages; {@code nextCursor} (null at the end) is sent back as {@code cursor}. */
    public record PassagePage(List<FacePassage> items, String nextCursor) {
    }

    /**
     * {@code device} a face gate's id, {@code match} watchlist, stranger or known, [{@code from}, {@code to}) ISO-8601
     * with an offset, {@code limit} 1–200 (default 50).
     */
    @GetMapping
    public Mono<PassagePage> list(Caller caller, @RequestParam(required = false) String device, @RequestParam(required = false) String match,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
        if (match != null && !match.isBlank() && !MATCHES.contains(match)) {
            throw ApiException.badField("match", "must be one of watchlist, stranger, known");
        }
        if (limit < 1 || limit > 200) {
            throw ApiException.badField("limit", "must be between 1 and 200");
        }
        var q = new PassageStore.Query(device == null || device.isBlank() ? null : device, match == null || match.isBlank() ? null : match,
                Params.instant("from", from, null), Params.instant("to", to, null),
                cursor == null || cursor.isBlank() ? null : PassageStore.Cursor.parse("cursor", cursor), limit);
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> {
            PassageStore.Page p = store.list(reach, q);
            return new PassagePage(p.items(), p.nextCursor());
        });
    }
}
