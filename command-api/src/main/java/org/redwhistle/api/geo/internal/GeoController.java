package org.redwhistle.api.geo.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.geo.internal.Located.Input;
import org.redwhistle.api.geo.internal.Located.Level;
import org.redwhistle.api.geo.internal.Located.LonLat;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/geo/locate}: the grid chain containing a point (given in WGS-84, GCJ-02 or
 * BD-09), from the same in-memory index ingest uses, with each level's duty unit and the grid's
 * workers. Outside the caller's area the chain is still named (it is public geography) but its
 * people are not.
 */
@RestController
@RequestMapping("/api/v1/geo")
public class GeoController {

    private final GridLocator grids;
    private final GridPeople people;
    private final Blocking blocking;

    GeoController(GridLocator grids, GridPeople people, Blocking blocking) {
        this.grids = grids;
        this.people = people;
        this.blocking = blocking;
    }

    @GetMapping("/locate")
    public Mono<Located> locate(Caller caller, @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double lat, @RequestParam(required = false) String crs) {
        CurrentUser user = caller.user();
        Crs.checkLonLat(lon, lat);
        CoordinateSystem system = Crs.parse("crs", crs);
        ChineseCoordinates.LonLat w = Crs.toWgs84(system, lon, lat);
        Input input = new Input(lon, lat, system.wire());
        LonLat wgs = new LonLat(w.lon(), w.lat());
        Optional<GridChain> chain = grids.locate(w.lon(), w.lat());
        if (chain.isEmpty()) {
            return Mono.just(new Located(input, wgs, false, false, List.of(), List.of()));
        }
        boolean inScope = user.covers(chain.get().ids());
        return blocking.call(() -> new Located(input, wgs, true, inScope, levels(chain.get(), inScope),
                inScope ? people.workers(chain.get().grid().id()) : List.of()));
    }

    private List<Level> levels(GridChain chain, boolean withDuty) {
        Map<Long, String> duty = withDuty ? people.dutyUnits(chain.ids()) : Map.of();
        List<Level> out = new ArrayList<>();
        for (AreaRef a : chain.areas()) {
            out.add(new Level(a.id(), a.level().name(), a.code(), a.name(), duty.get(a.id())));
        }
        return out;
    }
}
