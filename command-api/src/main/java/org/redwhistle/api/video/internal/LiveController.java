package org.redwhistle.api.video.internal;

import java.time.Instant;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.video.CameraStreams;
import org.redwhistle.api.video.VideoProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Live view of a camera (video.live, the reach of snapshots.read): a lease on the camera's relay,
 * renewed while the view is open and released when it closes; the picture itself travels over the
 * WebSocket {@code /live} ({@link LiveSocketHandler}) that presents the lease.
 */
@RestController
public class LiveController {

    private final LiveCameras cameras;
    private final CameraStreams streams;
    private final LiveRelays relays;
    private final AuditLog audit;
    private final VideoProperties props;
    private final Blocking blocking;

    LiveController(LiveCameras cameras, CameraStreams streams, LiveRelays relays, AuditLog audit, VideoProperties props, Blocking blocking) {
        this.cameras = cameras;
        this.streams = streams;
        this.relays = relays;
        this.audit = audit;
        this.props = props;
        this.blocking = blocking;
    }

    /**
     * A viewer's lease. {@code socket} is the WebSocket path to open; send {@code leaseId} as its first
     * text message; a text message {@code {"codec": "avc1.…"}} answers, then binary fMP4 pieces (the init
     * segment first) for Media Source Extensions.
     */
    public record LiveLease(String leaseId, String cameraId, String cameraName, String socket, Instant expiresAt,
            long renewEverySeconds, int relays, int maxRelays) {
    }

    /** The relays running now (video.live): camera, its viewers' leases, ffmpeg's process id. */
    public record LiveStatus(int maxRelays, List<LiveRelays.RelayStatus> relays) {
    }

    @PostMapping("/api/v1/cameras/{id}/live")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<LiveLease> watch(Caller caller, @PathVariable String id) {
        return blocking.call(() -> {
            LiveCameras.Camera camera = cameras.find(caller, id).orElseThrow(() -> ApiException.notFound("camera " + id));
            var source = streams.connectUrl(id).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "无视频源 (no video source)",
                    "摄像机 " + camera.name() + " 未配置直播流地址 (camera " + id + " has no attributes.streamUrl)", List.of()));
            LiveRelays.Lease lease = relays.watch(caller.user(), id, source);
            audit.record(caller.user().username(), "video.live.watched", "device", id, null,
                    java.util.Map.of("camera", camera.name(), "stream", streams.configuredUrl(id).map(Object::toString).orElse("")));
            return view(lease, camera.name());
        });
    }

    @PostMapping("/api/v1/live/{leaseId}/renew")
    public Mono<LiveLease> renew(Caller caller, @PathVariable String leaseId) {
        return blocking.call(() -> view(relays.renew(caller.user(), leaseId), null));
    }

    @DeleteMapping("/api/v1/live/{leaseId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> leave(Caller caller, @PathVariable String leaseId) {
        return blocking.call(() -> {
            relays.release(caller.user(), leaseId);
            return null;
        }).then();
    }

    /** The caller's cameras among those relayed now. */
    @GetMapping("/api/v1/live")
    public Mono<LiveStatus> status(Caller caller) {
        return blocking.call(() -> new LiveStatus(props.maxRelays(),
                relays.status().stream().filter(r -> cameras.find(caller, r.cameraId()).isPresent()).toList()));
    }

    private LiveLease view(LiveRelays.Lease lease, String name) {
        long renew = Math.max(1, props.leaseTtl().toSeconds() / 3);
        return new LiveLease(lease.id(), lease.cameraId(), name, LiveSocketHandler.PATH, lease.expiresAt(), renew,
                relays.running(), props.maxRelays());
    }
}
