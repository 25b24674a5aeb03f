package org.redwhistle.api.snapshots.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
/**
 * Camera snapshots behind the same access as their cameras ({@link DeviceScope}: the area's command
 * center, integrators only their own cameras): metadata, the image and a thumbnail. Whoever may not
 * see the camera gets 404, as if the snapshot did not exist. A face gate's pictures are served only to
 * holders of face-passages.read (the police): an operator does not browse the faces of passers-by.
 */
@RestController
@RequestMapping("/api/v1/snapshots")
public class SnapshotController {

    private final StoredSnapshots store;
    private final Blocking blocking;

    SnapshotController(StoredSnapshots store, Blocking blocking) {
        this.store = store;
        this.blocking = blocking;
    }

    public record SnapshotPage(List<SnapshotView> items) {
    }

    @GetMapping
    public Mono<SnapshotPage> list(Caller caller, @RequestParam(required = false) String deviceId,
            @RequestParam(required = false) Long alarmId, @RequestParam(required = false) String since,
            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badField("limit", "must be between 1 and 500");
        }
        Instant from = since == null ? null : Params.instant("since", since);
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> new SnapshotPage(store.list(reach, faces(caller), deviceId, alarmId, from, limit)));
    }

    @GetMapping("/{id}")
    public Mono<SnapshotView> get(Caller caller, @PathVariable long id) {
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> store.find(reach, faces(caller), id).orElseThrow(() -> ApiException.notFound("snapshot " + id)));
    }

    @GetMapping("/{id}/image")
    public Mono<ResponseEntity<byte[]>> image(Caller caller, @PathVariable long id) {
        return picture(caller, id, StoredSnapshots.Picture.IMAGE);
    }

    @GetMapping("/{id}/thumbnail")
    public Mono<ResponseEntity<byte[]>> thumbnail(Caller caller, @PathVariable long id) {
        return picture(caller, id, StoredSnapshots.Picture.THUMBNAIL);
    }

    /** Whether the caller may see a face gate's pictures (faces of passers-by): face-passages.read. */
    private static boolean faces(Caller caller) {
        return caller.scopeFor(Permission.FACE_PASSAGES_READ).isPresent();
    }

    private Mono<ResponseEntity<byte[]>> picture(Caller caller, long id, StoredSnapshots.Picture which) {
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> {
            byte[] data = store.picture(reach, faces(caller), id, which).orElseThrow(() -> ApiException.notFound("snapshot " + id));
            return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(data);
        });
    }
}
