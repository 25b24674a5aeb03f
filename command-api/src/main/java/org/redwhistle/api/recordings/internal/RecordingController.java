package org.redwhistle.api.recordings.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.recordings.RecordingMode;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Recordings (docs/recordings.md): search by place and time, playback and export of a camera's range, an alarm's
 * clips, and each camera's recording mode. Cameras are reached as devices are ({@link DeviceScope}); a camera or
 * clip out of reach is 404. MP4s are served with HTTP Range support.
 */
@RestController
@RequestMapping("/api/v1/recordings")
public class RecordingController {

    private final RecordingSearch search;
    private final Footage footage;
    private final ClipStore clips;
    private final RecordingModes modes;
    private final AuditLog audit;
    private final RecordingProperties props;
    private final Blocking blocking;
    private final Clock clock;

    RecordingController(RecordingSearch search, Footage footage, ClipStore clips, RecordingModes modes, AuditLog audit, RecordingProperties props,
            Blocking blocking, Clock clock) {
        this.search = search;
        this.footage = footage;
        this.clips = clips;
        this.modes = modes;
        this.audit = audit;
        this.props = props;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** A search's answer: the place (WGS-84), the window, and each camera's footage, nearest first. */
    public record SearchResult(Double lon, Double lat, Double radiusM, Instant from, Instant to, List<RecordingSearch.CameraFootage> cameras) {
    }

    @GetMapping("/search")
    public Mono<SearchResult> search(Caller caller, @RequestParam(required = false) Double lon, @RequestParam(required = false) Double lat,
            @RequestParam(required = false) String crs, @RequestParam(required = false) Double radiusM,
            @RequestParam(required = false) String cameraIds, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        List<String> ids = cameraIds == null || cameraIds.isBlank() ? List.of()
                : Arrays.stream(cameraIds.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        Double wlon = null;
        Double wlat = null;
        if (lon != null || lat != null) {
            Crs.checkLonLat(lon, lat);
            CoordinateSystem system = Crs.parse("crs", crs);
            ChineseCoordinates.LonLat p = Crs.toWgs84(system, lon, lat);
            wlon = p.lon();
            wlat = p.lat();
        } else if (ids.isEmpty()) {
            throw ApiException.badField("lon", "give a place (lon, lat) or cameraIds");
        }
        double radius = radiusM == null ? 200 : radiusM;
        if (radius <= 0 || radius > props.maxRadius()) {
            throw ApiException.badField("radiusM", "must be above 0 and at most " + props.maxRadius() + " m");
        }
        Instant t1 = Params.instant("from", from);
        Instant t2 = Params.instant("to", to);
        window(t1, t2);
        DeviceScope reach = DeviceScope.of(caller);
        Instant now = clock.instant();
        Double fl = wlon;
        Double ft = wlat;
        return blocking.call(() -> new SearchResult(fl, ft, fl == null ? null : radius, t1, t2, search.search(reach, fl, ft, radius, ids, t1, t2, now)));
    }

    private void window(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw ApiException.badField("to", "must be after from");
        }
        if (java.time.Duration.between(from, to).compareTo(props.maxWindow()) > 0) {
            throw ApiException.badField("to", "the window may span at most " + props.maxWindow().toHours() + " h");
        }
    }

    @GetMapping("/cameras/{id}/video")
    public Mono<ResponseEntity<Resource>> play(Caller caller, @PathVariable String id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestHeader(value = HttpHeaders.RANGE, required = false) String range) {
        return range(caller, id, from, to, range, Footage.Use.PLAYBACK);
    }

    @GetMapping("/cameras/{id}/export")
    public Mono<ResponseEntity<Resource>> export(Caller caller, @PathVariable String id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestHeader(value = HttpHeaders.RANGE, required = false) String range) {
        return range(caller, id, from, to, range, Footage.Use.EXPORT);
    }

    private Mono<ResponseEntity<Resource>> range(Caller caller, String id, String from, String to, String range, Footage.Use use) {
        Instant t1 = Params.instant("from", from);
        Instant t2 = Params.instant("to", to);
        window(t1, t2);
        DeviceScope reach = DeviceScope.of(caller);
        String actor = caller.user().username();
        return blocking.call(() -> serve(footage.range(reach, actor, id, t1, t2, use, startsPlayback(range)), use));
    }

    /** The clips of an alarm, one per recorded camera covering its point, that the caller's cameras took. */
    public record AlarmClipList(long alarmId, List<ClipStore.Clip> items) {
    }

    @GetMapping("/alarms/{alarmId}/clips")
    public Mono<AlarmClipList> alarmClips(Caller caller, @PathVariable long alarmId) {
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> new AlarmClipList(alarmId, clips.forAlarm(reach, alarmId)));
    }

    @GetMapping("/clips/{id}/video")
    public Mono<ResponseEntity<Resource>> playClip(Caller caller, @PathVariable long id,
            @RequestHeader(value = HttpHeaders.RANGE, required = false) String range) {
        DeviceScope reach = DeviceScope.of(caller);
        String actor = caller.user().username();
        return blocking.call(() -> serve(footage.clip(reach, actor, id, Footage.Use.PLAYBACK, startsPlayback(range)), Footage.Use.PLAYBACK));
    }

    @GetMapping("/clips/{id}/export")
    public Mono<ResponseEntity<Resource>> exportClip(Caller caller, @PathVariable long id,
            @RequestHeader(value = HttpHeaders.RANGE, required = false) String range) {
        DeviceScope reach = DeviceScope.of(caller);
        String actor = caller.user().username();
        return blocking.call(() -> serve(footage.clip(reach, actor, id, Footage.Use.EXPORT, startsPlayback(range)), Footage.Use.EXPORT));
    }

    /** A request without Range, or one from byte 0, starts a playback or download; later ranges continue it. */
    private static boolean startsPlayback(String range) {
        return range == null || range.isBlank() || range.replace(" ", "").startsWith("bytes=0-");
    }

    private static ResponseEntity<Resource> serve(Footage.Served s, Footage.Use use) {
        ContentDisposition d = (use == Footage.Use.EXPORT ? ContentDisposition.attachment() : ContentDisposition.inline())
                .filename(s.filename(), StandardCharsets.UTF_8).build();
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("video/mp4")).header(HttpHeaders.CONTENT_DISPOSITION, d.toString())
                .header(HttpHeaders.ACCEPT_RANGES, "bytes").cacheControl(CacheControl.noStore())
                .body(new FileSystemResource(s.file()));
    }

    /** The recording mode of every camera the caller reaches, with the default. */
    public record Settings(RecordingMode defaultMode, String retention, String eventBuffer, String preRoll, String postRoll, boolean recordingHere,
            List<RecordingModes.CameraSetting> items) {
    }

    @GetMapping("/settings")
    public Mono<Settings> settings(Caller caller) {
        DeviceScope reach = DeviceScope.of(caller);
        return blocking.call(() -> new Settings(props.defaultMode(), props.retention().toString(), props.eventBuffer().toString(),
                props.preRoll().toString(), props.postRoll().toString(), props.enabled(), modes.settings(reach)));
    }

    /** {@code mode}: CONTINUOUS, EVENTS or OFF. */
    public record ModeBody(String mode) {
    }

    @PutMapping("/settings/{cameraId}")
    public Mono<RecordingModes.CameraSetting> setMode(Caller caller, @PathVariable String cameraId, @RequestBody ModeBody body) {
        if (body == null || body.mode() == null) {
            throw ApiException.badField("mode", "required: CONTINUOUS, EVENTS or OFF");
        }
        RecordingMode mode = Params.enumValue(RecordingMode.class, "mode", body.mode());
        DeviceScope reach = DeviceScope.of(caller);
        String actor = caller.user().username();
        return blocking.call(() -> {
            RecordingModes.CameraSetting before = modes.setting(reach, cameraId).orElseThrow(() -> ApiException.notFound("camera " + cameraId));
            modes.set(cameraId, mode, actor);
            audit.record(actor, "recording.mode", "camera", cameraId, null, Map.of("from", before.mode().name(), "to", mode.name()));
            return modes.setting(reach, cameraId).orElseThrow();
        });
    }
}
