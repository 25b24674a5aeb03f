package org.redwhistle.api.devices;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.areas.BoundingBox;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.broker.DeviceCredentials;
import org.redwhistle.ingest.commands.CommandView;
import org.redwhistle.ingest.commands.DeviceCommands;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The device registry inside the caller's area (integrators: the devices of their own provisioning
 * keys), device edits, and device broker credentials. Disabling a device cuts it off the broker at once.
 */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController {

    private final DeviceQueries queries;
    private final BrokerAccess broker;
    private final AuditLog audit;
    private final Blocking blocking;
    private final AreaScope scope;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DeviceDirectory directory;
    private final DeviceCommands commands;
    private final org.redwhistle.geo.grid.GridLocator grids;

    public DeviceController(DeviceQueries queries, BrokerAccess broker, AuditLog audit, Blocking blocking, AreaScope scope,
            JdbcClient jdbc, TransactionTemplate tx, DeviceDirectory directory, DeviceCommands commands,
            org.redwhistle.geo.grid.GridLocator grids) {
        this.grids = grids;
        this.commands = commands;
        this.queries = queries;
        this.broker = broker;
        this.audit = audit;
        this.blocking = blocking;
        this.scope = scope;
        this.jdbc = jdbc;
        this.tx = tx;
        this.directory = directory;
    }

    /** A page of devices. */
    public record DevicePage(List<DeviceView> items) {
    }

    /** Fields to change; absent ones stay as they are. */
    public record DeviceEdit(@Size(min = 1, max = 100) String name, DeviceState state, @Size(max = 64) String firmware,
            @DecimalMin("-180") @DecimalMax("180") Double lon, @DecimalMin("-90") @DecimalMax("90") Double lat,
            JsonNode attributes, JsonNode zone) {
    }

    @GetMapping
    public Mono<DevicePage> list(Caller caller,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Long areaId,
            @RequestParam(required = false) String bbox,
            @RequestParam(defaultValue = "500") int limit,
            @RequestParam(required = false) String crs) {
        var system = Crs.parse("crs", crs);
        if (kind != null && DeviceKind.fromWire(kind).isEmpty()) {
            throw ApiException.badField("kind", "must be one of camera, access_gate, perimeter_alarm, patrol_terminal");
        }
        if (state != null && List.of(DeviceState.values()).stream().noneMatch(s -> s.name().equals(state))) {
            throw ApiException.badField("state", "must be one of " + List.of(DeviceState.values()));
        }
        if (limit < 1 || limit > 5000) {
            throw ApiException.badField("limit", "must be between 1 and 5000");
        }
        DeviceScope reach = DeviceScope.of(caller);
        var filter = new DeviceQueries.Filter(reach.areaId(), reach.keyOwnerId(), kind, state, areaId, BoundingBox.parse(bbox), limit);
        return blocking.call(() -> new DevicePage(queries.list(filter).stream().map(d -> d.in(system)).toList()));
    }

    /** {@code crs} (wgs84 default, gcj02, bd09): the position and zone in that system. */
    @GetMapping("/{id}")
    public Mono<DeviceView> get(Caller caller, @PathVariable String id, @RequestParam(required = false) String crs) {
        var system = Crs.parse("crs", crs);
        return blocking.call(() -> visible(caller, id).in(system));
    }

    /**
     * Edits a device (devices.edit: the command center in its area, integrators their own); audited.
     * A new place must lie in a grid inside the editor's area and the device's provisioning key's
     * area, and the device moves to that grid. Re-enabling a disabled device needs devices.enable.
     */
    @Refuses(status = 409, when = "the device changed meanwhile, or it is disabled")
    @Refuses(status = 422, when = "the new place lies outside the editor's or the device's area, or in no grid")
    @PatchMapping("/{id}")
    public Mono<DeviceView> edit(Caller caller, @PathVariable String id, @Valid @RequestBody DeviceEdit edit) {
        CurrentUser user = caller.user();
        if ((edit.lon() == null) != (edit.lat() == null)) {
            throw ApiException.badField(edit.lon() == null ? "lon" : "lat", "lon and lat are changed together");
        }
        if (edit.attributes() != null && !edit.attributes().isObject()) {
            throw ApiException.badField("attributes", "must be a JSON object");
        }
        return blocking.call(() -> {
            DeviceView before = visible(caller, id);
            if (DeviceState.DISABLED.name().equals(before.state()) && edit.state() != null && edit.state() != DeviceState.DISABLED) {
                caller.require(Permission.DEVICES_ENABLE); // its area was checked with devices.edit's, which is no wider
            }
            Long newArea = edit.lon() == null ? null : placeInside(caller, before, edit.lon(), edit.lat());
            KindGeometry.check(before.kind(), edit.attributes(), edit.zone());
            if (edit.zone() != null && !edit.zone().isNull()) {
                String problem;
                try {
                    problem = jdbc.sql("""
                            select case when not st_isvalid(g) then 'is not a valid geometry: ' || st_isvalidreason(g) end
                            from (select st_setsrid(st_geomfromgeojson(?), 4326) g) x""").param(edit.zone().toString())
                            .query(String.class).optional().orElse(null);
                } catch (org.springframework.dao.DataAccessException unreadable) {
                    problem = "is not readable GeoJSON";
                }
                if (problem != null) {
                    throw ApiException.badField("zone", problem);
                }
            }
            Map<String, Object> changed = new LinkedHashMap<>();
            tx.executeWithoutResult(s -> {
                if (edit.name() != null) {
                    jdbc.sql("update device set name = ? where id = ?").params(edit.name(), id).update();
                    changed.put("name", edit.name());
                }
                if (edit.firmware() != null) {
                    jdbc.sql("update device set firmware = ? where id = ?").params(edit.firmware(), id).update();
                    changed.put("firmware", edit.firmware());
                }
                if (edit.lon() != null) {
                    jdbc.sql("update device set location = st_setsrid(st_makepoint(?, ?), 4326), area_id = ? where id = ?")
                            .params(edit.lon(), edit.lat(), newArea, id).update();
                    changed.put("location", List.of(edit.lon(), edit.lat()));
                    changed.put("areaId", newArea);
                }
                if (edit.zone() != null) {
                    jdbc.sql("update device set zone = case when cast(? as text) is null then null else st_setsrid(st_geomfromgeojson(?), 4326) end where id = ?")
                            .params(edit.zone().isNull() ? null : edit.zone().toString(), edit.zone().isNull() ? null : edit.zone().toString(), id).update();
                    changed.put("zone", edit.zone().isNull() ? null : edit.zone().path("type").asText());
                }
                if (edit.attributes() != null) {
                    jdbc.sql("update device set attributes = cast(? as jsonb) where id = ?").params(edit.attributes().toString(), id).update();
                    changed.put("attributes", edit.attributes().toString());
                }
                if (edit.state() != null && !edit.state().name().equals(before.state())) {
                    // only from the state the permission was checked against: a concurrent DISABLED is not overwritten
                    int n = jdbc.sql("update device set state = ?, online = case when ? = 'DISABLED' then false else online end where id = ? and state = ?")
                            .params(edit.state().name(), edit.state().name(), id, before.state()).update();
                    if (n == 0) {
                        throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "Changed meanwhile",
                                "the device's state changed while you edited it; load it again", List.of(new ApiException.FieldError("state",
                                        "changed meanwhile")));
                    }
                    changed.put("state", edit.state().name());
                    // inside the transaction: if the broker refuses, the state change is rolled back too
                    if (edit.state() == DeviceState.DISABLED) {
                        broker.revoke(id);
                    } else if (DeviceState.DISABLED.name().equals(before.state())) {
                        broker.restore(id);
                    }
                }
                audit.record(user.username(), "device.edited", "device", id, null, changed);
            });
            directory.evict(id);
            return queries.find(id).orElseThrow();
        });
    }

    /**
     * Issues (or rotates) the device's own broker account; the password is returned once.
     * For ADMIN, and for INTEGRATOR on the devices of their own keys.
     */
    @Refuses(status = 409, when = "the device is disabled")
    @PostMapping("/{id}/credentials")
    public Mono<DeviceCredentials> credentials(Caller caller, @PathVariable String id) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            DeviceView d = visible(caller, id);
            if (DeviceState.DISABLED.name().equals(d.state())) {
                throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "Device disabled",
                        id + " is disabled; it gets credentials again only after someone allowed to (devices.enable) re-enables it",
                        List.of(new ApiException.FieldError("state", "DISABLED")));
            }
            DeviceCredentials c = broker.issueCredentials(id);
            audit.record(user.username(), "device.credentials.issued", "device", id, null, Map.of("username", c.username()));
            return c;
        });
    }

    /** A command to send. */
    public record NewCommand(@jakarta.validation.constraints.NotBlank String command, JsonNode args) {
    }

    /**
     * Sends a command to the device (ADMIN, OPERATOR in their area, INTEGRATOR for their own
     * devices): answered 202 with the command as SENT; it completes as OK, FAILED or TIMED_OUT.
     */
    @Refuses(status = 409, when = "the device is disabled")
    @PostMapping("/{id}/commands")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.ACCEPTED)
    public Mono<CommandView> command(Caller caller, @PathVariable String id, @Valid @RequestBody NewCommand req) {
        CurrentUser user = caller.user();
        CommandType type = CommandType.fromWire(req.command()).orElseThrow(() -> ApiException.badField("command",
                "must be one of open_gate, siren_on, siren_off, capture_snapshot"));
        if (req.args() != null && !req.args().isNull() && !req.args().isObject()) {
            throw ApiException.badField("args", "must be a JSON object");
        }
        return blocking.call(() -> {
            DeviceView d = visible(caller, id);
            if (!type.kind().wire().equals(d.kind())) {
                throw ApiException.badField("command", "'" + type.wire() + "' is for " + type.kind().wire() + " devices; " + id + " is a " + d.kind());
            }
            if (DeviceState.DISABLED.name().equals(d.state())) {
                throw new ApiException(org.springframework.http.HttpStatus.CONFLICT, "Device disabled", id + " is disabled", List.of());
            }
            CommandView c;
            try {
                c = commands.send(id, type, req.args(), user.username());
            } catch (IllegalStateException e) {
                throw new ApiException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable", e.getMessage(), List.of());
            }
            audit.record(user.username(), "device.command.sent", "device", id, null, Map.of("cmdId", c.cmdId(), "command", type.wire()));
            return c;
        });
    }

    @GetMapping("/{id}/commands")
    public Mono<List<CommandView>> commands(Caller caller, @PathVariable String id) {
        return blocking.call(() -> {
            visible(caller, id);
            return commands.recent(id, 50);
        });
    }

    /** The device if the caller's scope reaches it; otherwise 404, as if it did not exist. */
    private DeviceView visible(Caller caller, String id) {
        DeviceScope reach = DeviceScope.of(caller);
        return queries.find(id)
                .filter(d -> reach.admits(scope.chainIds(d.areaId()), d.keyOwnerId()))
                .orElseThrow(() -> ApiException.notFound("device " + id));
    }

    /**
     * The grid a device moves to: the new place must lie in a grid of the platform, inside the
     * caller's area and inside the area of the key that provisioned the device. Otherwise 422 naming
     * {@code lon}: a device registered elsewhere would raise its alarms in someone else's area.
     */
    private long placeInside(Caller caller, DeviceView d, double lon, double lat) {
        var grid = grids.locate(lon, lat).orElseThrow(() -> unplaceable("lon", lon + "," + lat + " is not inside any grid of the platform"));
        List<Long> chain = grid.ids();
        if (caller.user().areaId() != null && !caller.is(Scope.ALL) && !chain.contains(caller.user().areaId())) {
            throw unplaceable("lon", lon + "," + lat + " is outside your area");
        }
        if (d.provisioningKey() != null) {
            long keyArea = jdbc.sql("select area_id from provisioning_key where id = ?").param(d.provisioningKey()).query(Long.class).single();
            if (!chain.contains(keyArea)) {
                throw unplaceable("lon", lon + "," + lat + " is outside the area of the provisioning key " + d.provisioningKey());
            }
        }
        return grid.grid().id();
    }

    private static ApiException unplaceable(String field, String why) {
        return new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "Place refused", field + ": " + why,
                List.of(new ApiException.FieldError(field, why)));
    }
}
