package org.redwhistle.api.areas;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.geo.area.AreaDirectory;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** Areas and grids of the caller's area as GeoJSON (RFC 7946). */
@RestController
@RequestMapping("/api/v1/areas")
public class AreaController {

    private final AreaDirectory areas;
    private final Blocking blocking;

    public AreaController(AreaDirectory areas, Blocking blocking) {
        this.areas = areas;
        this.blocking = blocking;
    }

    @GetMapping(produces = {"application/geo+json", MediaType.APPLICATION_JSON_VALUE})
    public Mono<String> list(@AuthenticationPrincipal Jwt jwt) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> areas.featureCollection(user.areaId()));
    }
}
