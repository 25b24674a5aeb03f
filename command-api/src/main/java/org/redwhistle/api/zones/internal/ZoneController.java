package org.redwhistle.api.zones.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.zones.ArmingSchedule;
import org.redwhistle.geo.zones.Zone;
import org.redwhistle.geo.zones.ZoneDirectory;
import org.redwhistle.geo.zones.ZonesChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Perimeter zones and restricted areas: list (GeoJSON, with whether each is armed now), create,
 * change geometry, arming mode and schedule (audited), and each zone's activity log.
 */
@RestController
@RequestMapping("/api/v1/zones")
public class ZoneController {

    private final ZoneStore store;
    private final ZoneDirectory zones;
    private final ZoneActivity activity;
    private final AreaScope scope;
    private final AuditLog audit;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    public ZoneController(ZoneStore store, ZoneDirectory zones, ZoneActivity activity, AreaScope scope, AuditLog audit, Blocking blocking,
            TransactionTemplate tx, ApplicationEventPublisher events, JsonMapper json) {
        this.store = store;
        this.zones = zones;
        this.activity = activity;
        this.scope = scope;
        this.audit = audit;
        this.blocking = blocking;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    /** The zones the caller may see, as a GeoJSON FeatureCollection. */
    public record ZoneCollection(String type, List<ZoneFeature> features) {
    }

    /** One zone as a GeoJSON Feature. */
    public record ZoneFeature(String type, long id, JsonNode geometry, ZoneProperties properties) {
    }

    /** A zone's properties: its arming mode, schedule and whether it is armed at the time of the answer. */
    public record ZoneProperties(long id, String code, String name, String kind, long areaId, String arming, List<ArmingWindow> schedule,
            boolean armedNow) {
    }

    /** An arming window: ISO days of the week (1 Monday … 7 Sunday) and local times. */
    public record ArmingWindow(List<Integer> days, String from, String to) {
    }

    /** The zone created or changed. */
    public record ZoneRef(long id, String code) {
    }

    /** A zone's latest activity, newest first. */
    public record ActivityPage(long zoneId, List<ZoneActivity.ZoneActivityEntry> items) {
    }

    @GetMapping
    public Mono<ZoneCollection> list(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            Instant now = Instant.now();
            Map<Long, String> geometries = store.geometries();
            List<ZoneFeature> features = zones.all().stream().filter(z -> user.covers(z.areaPath()))
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .map(z -> feature(z, geometries.get(z.id()), now)).toList();
            return new ZoneCollection("FeatureCollection", features);
        });
    }

    private ZoneFeature feature(Zone z, String geometry, Instant now) {
        List<ArmingWindow> schedule = z.arming().windows().stream()
                .map(w -> new ArmingWindow(w.days().stream().map(d -> d.getValue()).sorted().toList(), w.from().toString(), w.to().toString()))
                .toList();
        ZoneProperties props = new ZoneProperties(z.id(), z.code(), z.name(), z.kind().name(), z.areaId(), z.arming().mode().name(), schedule,
                z.isArmed(now));
        return new ZoneFeature("Feature", z.id(), geometry == null ? null : json.readTree(geometry), props);
    }

    /** A new zone or a change; on a change, absent fields stay as they are. */
    public record ZoneBody(String code, String name, String kind, Long areaId, JsonNode geometry, String arming, JsonNode schedule) {
    }

    @Refuses(status = 409, when = "a zone with this code exists already")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ZoneRef> create(Caller caller, @RequestBody ZoneBody body) {
        CurrentUser user = caller.user();
        if (body.code() == null || body.code().isBlank() || body.code().length() > 64) {
            throw ApiException.badField("code", "is required, at most 64 characters");
        }
        if (body.name() == null || body.name().isBlank()) {
            throw ApiException.badField("name", "is required");
        }
        Zone.Kind kind = Params.enumValue(Zone.Kind.class, "kind", body.kind());
        if (body.areaId() == null) {
            throw ApiException.badField("areaId", "is required");
        }
        String arming = body.arming() == null ? "SCHEDULE" : Params.enumValue(ArmingSchedule.Mode.class, "arming", body.arming()).name();
        String schedule = schedule(body.schedule());
        String geometry = geometry(body.geometry(), kind);
        return blocking.call(() -> {
            if (!scope.isInside(user, body.areaId())) {
                throw ApiException.badField("areaId", "is not an area inside yours");
            }
            long id = tx.execute(s -> {
                if (store.codeTaken(body.code())) {
                    throw new ApiException(HttpStatus.CONFLICT, "Conflict", "code: a zone " + body.code() + " exists already",
                            List.of(new ApiException.FieldError("code", "a zone " + body.code() + " exists already")));
                }
                long created = store.insert(body.code(), body.name(), kind.name(), body.areaId(), geometry, arming, schedule);
                audit.record(user.username(), "zone.created", "zone", String.valueOf(created), null,
                        Map.of("code", body.code(), "kind", kind.name(), "arming", arming, "schedule", schedule));
                events.publishEvent(new ZonesChanged("zone " + body.code() + " created"));
                return created;
            });
            return new ZoneRef(id, body.code());
        });
    }

    @PutMapping("/{id}")
    public Mono<ZoneRef> change(Caller caller, @PathVariable long id, @RequestBody ZoneBody body) {
        CurrentUser user = caller.user();
        String arming = body.arming() == null ? null : Params.enumValue(ArmingSchedule.Mode.class, "arming", body.arming()).name();
        String schedule = body.schedule() == null ? null : schedule(body.schedule());
        return blocking.call(() -> {
            Zone z = zones.all().stream().filter(x -> x.id() == id && user.covers(x.areaPath())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("zone " + id));
            String geometry = body.geometry() == null ? null : geometry(body.geometry(), z.kind());
            tx.executeWithoutResult(s -> {
                store.update(id, body.name(), arming, schedule, geometry);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", Map.of("arming", z.arming().mode().name(), "schedule", z.arming().windows().toString()));
                detail.put("arming", arming);
                detail.put("schedule", schedule);
                detail.put("geometryChanged", geometry != null);
                audit.record(user.username(), "zone.changed", "zone", String.valueOf(id), null, detail);
                events.publishEvent(new ZonesChanged("zone " + z.code() + " changed"));
            });
            return new ZoneRef(id, z.code());
        });
    }

    @GetMapping("/{id}/activity")
    public Mono<ActivityPage> activity(Caller caller, @PathVariable long id,
            @RequestParam(defaultValue = "50") int limit) {
        CurrentUser user = caller.user();
        if (limit < 1 || limit > 500) {
            throw ApiException.badField("limit", "must be from 1 to 500");
        }
        return blocking.call(() -> {
            zones.all().stream().filter(x -> x.id() == id && user.covers(x.areaPath())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("zone " + id));
            return new ActivityPage(id, activity.recent(id, limit));
        });
    }

    private String schedule(JsonNode node) {
        try {
            ArmingSchedule.parseWindows(node);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("schedule", e.getMessage());
        }
        return node == null || node.isNull() ? "[]" : node.toString();
    }

    /** GeoJSON of the right type for the kind, valid by PostGIS's rules; returned as text for st_geomfromgeojson. */
    private String geometry(JsonNode g, Zone.Kind kind) {
        if (g == null || !g.isObject()) {
            throw ApiException.badField("geometry", "is required: a GeoJSON geometry");
        }
        String type = g.path("type").asText();
        List<String> allowed = kind == Zone.Kind.PERIMETER ? List.of("LineString", "MultiLineString", "Polygon", "MultiPolygon")
                : List.of("Polygon", "MultiPolygon");
        if (!allowed.contains(type)) {
            throw ApiException.badField("geometry", "a " + kind.name().toLowerCase(Locale.ROOT) + " zone must be one of " + allowed + ", got " + type);
        }
        String text = g.toString();
        String reason;
        try {
            reason = store.validityReason(text);
        } catch (RuntimeException e) {
            throw ApiException.badField("geometry", "is not readable GeoJSON");
        }
        if (!"Valid Geometry".equals(reason)) {
            throw ApiException.badField("geometry", "is invalid: " + reason);
        }
        return text;
    }

}
