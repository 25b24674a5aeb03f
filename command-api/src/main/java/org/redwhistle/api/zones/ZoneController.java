package org.redwhistle.api.zones;

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
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final ZoneDirectory zones;
    private final ZoneActivity activity;
    private final AreaScope scope;
    private final AuditLog audit;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    public ZoneController(JdbcClient jdbc, ZoneDirectory zones, ZoneActivity activity, AreaScope scope, AuditLog audit, Blocking blocking,
            TransactionTemplate tx, ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.zones = zones;
        this.activity = activity;
        this.scope = scope;
        this.audit = audit;
        this.blocking = blocking;
        this.tx = tx;
        this.events = events;
        this.json = json;
    }

    @GetMapping
    public Mono<Map<String, Object>> list(Caller caller) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            Instant now = Instant.now();
            Map<Long, String> geometries = new LinkedHashMap<>();
            jdbc.sql("select id, st_asgeojson(geom, 7) from zone order by id").query(rs -> {
                geometries.put(rs.getLong(1), rs.getString(2));
            });
            List<Map<String, Object>> features = zones.all().stream().filter(z -> user.covers(z.areaPath()))
                    .sorted((a, b) -> Long.compare(a.id(), b.id()))
                    .map(z -> feature(z, geometries.get(z.id()), now)).toList();
            return Map.of("type", "FeatureCollection", "features", features);
        });
    }

    private Map<String, Object> feature(Zone z, String geometry, Instant now) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("id", z.id());
        props.put("code", z.code());
        props.put("name", z.name());
        props.put("kind", z.kind().name());
        props.put("areaId", z.areaId());
        props.put("arming", z.arming().mode().name());
        props.put("schedule", z.arming().windows().stream().map(w -> Map.of("days", w.days().stream().map(d -> d.getValue()).sorted().toList(),
                "from", w.from().toString(), "to", w.to().toString())).toList());
        props.put("armedNow", z.isArmed(now));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("id", z.id());
        f.put("geometry", geometry == null ? null : json.readTree(geometry));
        f.put("properties", props);
        return f;
    }

    /** A new zone or a change; on a change, absent fields stay as they are. */
    public record ZoneBody(String code, String name, String kind, Long areaId, JsonNode geometry, String arming, JsonNode schedule) {
    }

    @Refuses(status = 409, when = "a zone with this code exists already")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Map<String, Object>> create(Caller caller, @RequestBody ZoneBody body) {
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
                if (jdbc.sql("select count(*) from zone where code = ?").param(body.code()).query(Long.class).single() > 0) {
                    throw new ApiException(HttpStatus.CONFLICT, "Conflict", "code: a zone " + body.code() + " exists already",
                            List.of(new ApiException.FieldError("code", "a zone " + body.code() + " exists already")));
                }
                long created = jdbc.sql("""
                        insert into zone (code, name, kind, area_id, geom, arming, schedule)
                        values (?, ?, ?, ?, st_setsrid(st_geomfromgeojson(?), 4326), ?, cast(? as jsonb)) returning id""")
                        .params(body.code(), body.name(), kind.name(), body.areaId(), geometry, arming, schedule).query(Long.class).single();
                audit.record(user.username(), "zone.created", "zone", String.valueOf(created), null,
                        Map.of("code", body.code(), "kind", kind.name(), "arming", arming, "schedule", schedule));
                events.publishEvent(new ZonesChanged("zone " + body.code() + " created"));
                return created;
            });
            return Map.<String, Object>of("id", id, "code", body.code());
        });
    }

    @PutMapping("/{id}")
    public Mono<Map<String, Object>> change(Caller caller, @PathVariable long id, @RequestBody ZoneBody body) {
        CurrentUser user = caller.user();
        String arming = body.arming() == null ? null : Params.enumValue(ArmingSchedule.Mode.class, "arming", body.arming()).name();
        String schedule = body.schedule() == null ? null : schedule(body.schedule());
        return blocking.call(() -> {
            Zone z = zones.all().stream().filter(x -> x.id() == id && user.covers(x.areaPath())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("zone " + id));
            String geometry = body.geometry() == null ? null : geometry(body.geometry(), z.kind());
            tx.executeWithoutResult(s -> {
                jdbc.sql("""
                        update zone set name = coalesce(?, name), arming = coalesce(?, arming), schedule = coalesce(cast(? as jsonb), schedule),
                            geom = coalesce(st_setsrid(st_geomfromgeojson(?), 4326), geom), updated_at = now() where id = ?""")
                        .params(body.name(), arming, schedule, geometry, id).update();
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", Map.of("arming", z.arming().mode().name(), "schedule", z.arming().windows().toString()));
                detail.put("arming", arming);
                detail.put("schedule", schedule);
                detail.put("geometryChanged", geometry != null);
                audit.record(user.username(), "zone.changed", "zone", String.valueOf(id), null, detail);
                events.publishEvent(new ZonesChanged("zone " + z.code() + " changed"));
            });
            return Map.<String, Object>of("id", id, "code", z.code());
        });
    }

    @GetMapping("/{id}/activity")
    public Mono<Map<String, Object>> activity(Caller caller, @PathVariable long id,
            @RequestParam(defaultValue = "50") int limit) {
        CurrentUser user = caller.user();
        if (limit < 1 || limit > 500) {
            throw ApiException.badField("limit", "must be from 1 to 500");
        }
        return blocking.call(() -> {
            zones.all().stream().filter(x -> x.id() == id && user.covers(x.areaPath())).findFirst()
                    .orElseThrow(() -> ApiException.notFound("zone " + id));
            return Map.of("zoneId", id, "items", activity.recent(id, limit));
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
            reason = jdbc.sql("select st_isvalidreason(st_geomfromgeojson(?))").param(text).query(String.class).single();
        } catch (RuntimeException e) {
            throw ApiException.badField("geometry", "is not readable GeoJSON");
        }
        if (!"Valid Geometry".equals(reason)) {
            throw ApiException.badField("geometry", "is invalid: " + reason);
        }
        return text;
    }

}
