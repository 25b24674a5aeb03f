package org.redwhistle.api.areas.internal;

import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaImporter;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Areas and grids as GeoJSON (RFC 7946): the caller's area and everything below it, one area, and
 * the all-or-nothing import (ADMIN) whose refusals name each feature and its problem.
 */
@RestController
@RequestMapping("/api/v1/areas")
public class AreaController {

    private final AreaDirectory areas;
    private final AreaImporter importer;
    private final AuditLog audit;
    private final Blocking blocking;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    public AreaController(AreaDirectory areas, AreaImporter importer, AuditLog audit, Blocking blocking, TransactionTemplate tx,
            JsonMapper json) {
        this.tx = tx;
        this.json = json;
        this.areas = areas;
        this.importer = importer;
        this.audit = audit;
        this.blocking = blocking;
    }

    /**
     * RFC 7946 GeoJSON in WGS-84. {@code crs=gcj02|bd09} returns the positions in that system for
     * Chinese web maps; that is outside RFC 7946, so the collection then says so in a foreign member {@code crs}.
     */
    @GetMapping(produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<String> list(Caller caller, @RequestParam(required = false) String crs) {
        CurrentUser user = caller.user();
        var system = Crs.parse("crs", crs);
        return blocking.call(() -> in(system, areas.featureCollection(user.areaId())));
    }

    private String in(CoordinateSystem system, String featureCollection) {
        if (system == CoordinateSystem.WGS84) {
            return featureCollection;
        }
        ObjectNode out = (ObjectNode) Crs.geoJsonIn(system, json.readTree(featureCollection));
        out.put("crs", system.wire());
        return out.toString();
    }

    /** One area with everything below it, if it lies inside the caller's area. */
    @GetMapping(path = "/{id}", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<String> one(Caller caller, @PathVariable long id, @RequestParam(required = false) String crs) {
        CurrentUser user = caller.user();
        var system = Crs.parse("crs", crs);
        return blocking.call(() -> {
            if (!user.covers(areas.path(id))) {
                throw ApiException.notFound("area " + id);
            }
            return in(system, areas.featureCollection(id));
        });
    }

    @Refuses(status = 422, when = "nothing was imported: the problems of each feature are in errors[]")
    @PostMapping(path = "/import", consumes = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<AreaImporter.Result> importAreas(Caller caller, @RequestBody JsonNode collection) {
        CurrentUser user = caller.user();
        // the import and its audit entry commit together, or neither does
        return blocking.call(() -> tx.execute(s -> {
            AreaImporter.Result r = importer.importCollection(collection);
            audit.record(user.username(), "areas.import", "area", "collection of " + collection.path("features").size(), null,
                    Map.of("created", r.created(), "updated", r.updated(), "windingCorrected", r.windingCorrected()));
            return r;
        }));
    }
}
