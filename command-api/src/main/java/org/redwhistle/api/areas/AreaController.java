package org.redwhistle.api.areas;

import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaImporter;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

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

    public AreaController(AreaDirectory areas, AreaImporter importer, AuditLog audit, Blocking blocking, TransactionTemplate tx) {
        this.tx = tx;
        this.areas = areas;
        this.importer = importer;
        this.audit = audit;
        this.blocking = blocking;
    }

    @GetMapping(produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<String> list(@AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> areas.featureCollection(user.areaId()));
    }

    /** One area with everything below it, if it lies inside the caller's area. */
    @GetMapping(path = "/{id}", produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<String> one(@AuthenticationPrincipal Jwt jwt, @PathVariable long id) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> {
            if (!user.covers(areas.path(id))) {
                throw ApiException.notFound("area " + id);
            }
            return areas.featureCollection(id);
        });
    }

    @PostMapping(path = "/import", consumes = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<AreaImporter.Result> importAreas(@AuthenticationPrincipal Jwt jwt, @RequestBody JsonNode collection) {
        CurrentUser user = CurrentUser.of(jwt);
        if (!user.hasAnyRole(Role.ADMIN)) {
            throw ApiException.forbidden("only an administrator imports areas");
        }
        // the import and its audit entry commit together, or neither does
        return blocking.call(() -> tx.execute(s -> {
            AreaImporter.Result r = importer.importCollection(collection);
            audit.record(user.username(), "areas.import", "area", "collection of " + collection.path("features").size(), null,
                    Map.of("created", r.created(), "updated", r.updated(), "windingCorrected", r.windingCorrected()));
            return r;
        }));
    }
}
