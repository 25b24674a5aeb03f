package org.redwhistle.api.geo.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.area.AreaRef;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.geo.grid.GridChain;
import org.redwhistle.geo.grid.GridLocator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    private final JdbcClient jdbc;
    private final Blocking blocking;
    private final JsonMapper json;

    public GeoController(GridLocator grids, JdbcClient jdbc, Blocking blocking, JsonMapper json) {
        this.grids = grids;
        this.jdbc = jdbc;
        this.blocking = blocking;
        this.json = json;
    }

    public record Located(Map<String, Object> input, Map<String, Double> wgs84, boolean found, boolean inScope,
            List<Level> chain, List<Worker> gridWorkers) {
    }

    public record Level(long id, String level, String code, String name, String dutyUnit) {
    }

    public record Worker(String name, String phone, String username) {
    }

    @GetMapping("/locate")
    public Mono<Located> locate(Caller caller, @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double lat, @RequestParam(required = false) String crs) {
        CurrentUser user = caller.user();
        Crs.checkLonLat(lon, lat);
        CoordinateSystem system = Crs.parse("crs", crs);
        ChineseCoordinates.LonLat w = Crs.toWgs84(system, lon, lat);
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("lon", lon);
        input.put("lat", lat);
        input.put("crs", system.wire());
        Map<String, Double> wgs = Map.of("lon", w.lon(), "lat", w.lat());
        Optional<GridChain> chain = grids.locate(w.lon(), w.lat());
        if (chain.isEmpty()) {
            return Mono.just(new Located(input, wgs, false, false, List.of(), List.of()));
        }
        boolean inScope = user.covers(chain.get().ids());
        return blocking.call(() -> new Located(input, wgs, true, inScope, levels(chain.get(), inScope),
                inScope ? workers(chain.get().grid().id()) : List.of()));
    }

    private List<Level> levels(GridChain chain, boolean withDuty) {
        Map<Long, String> duty = new LinkedHashMap<>();
        if (withDuty) {
            jdbc.sql("select id, duty_unit from area where id = any(?)").param(chain.ids().toArray(Long[]::new))
                    .query(rs -> {
                        duty.put(rs.getLong(1), rs.getString(2));
                    });
        }
        List<Level> out = new ArrayList<>();
        for (AreaRef a : chain.areas()) {
            out.add(new Level(a.id(), a.level().name(), a.code(), a.name(), duty.get(a.id())));
        }
        return out;
    }

    /** The grid's workers as imported with the area, then its GRID_WORKER accounts. */
    private List<Worker> workers(long gridId) {
        List<Worker> out = new ArrayList<>();
        String stored = jdbc.sql("select workers::text from area where id = ?").param(gridId).query(String.class).optional().orElse("[]");
        for (JsonNode w : json.readTree(stored)) {
            out.add(new Worker(w.path("name").asText(), w.path("phone").isString() ? w.path("phone").asText() : null, null));
        }
        jdbc.sql("select display_name, username from app_user where role = 'GRID_WORKER' and enabled and area_id = ? order by id")
                .param(gridId).query(rs -> {
                    out.add(new Worker(rs.getString(1), null, rs.getString(2)));
                });
        return out;
    }
}
