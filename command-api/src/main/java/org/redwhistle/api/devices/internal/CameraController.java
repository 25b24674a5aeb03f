package org.redwhistle.api.devices.internal;

import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** {@code GET /api/v1/cameras/covering?lon&lat[&crs]}: the caller's cameras that see a point, nearest first. */
@RestController
@RequestMapping("/api/v1/cameras")
public class CameraController {

    private final CameraCoverage coverage;
    private final AreaScope scope;
    private final Blocking blocking;

    public CameraController(CameraCoverage coverage, AreaScope scope, Blocking blocking) {
        this.coverage = coverage;
        this.scope = scope;
        this.blocking = blocking;
    }

    /** The point in WGS-84 and the cameras that see it. */
    public record Covering(double lon, double lat, List<CameraCoverage.Seen> items) {
    }

    @GetMapping("/covering")
    public Mono<Covering> covering(Caller caller, @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double lat, @RequestParam(required = false) String crs) {
        CurrentUser user = caller.user();
        Crs.checkLonLat(lon, lat);
        CoordinateSystem system = Crs.parse("crs", crs);
        ChineseCoordinates.LonLat p = Crs.toWgs84(system, lon, lat);
        return blocking.call(() -> new Covering(p.lon(), p.lat(), coverage.covering(p.lon(), p.lat(), area -> scope.isInside(user, area))));
    }
}
