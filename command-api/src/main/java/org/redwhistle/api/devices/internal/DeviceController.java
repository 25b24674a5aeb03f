package org.redwhistle.api.devices.internal;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.BoundingBox;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.geo.Crs;
import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.broker.DeviceCredentials;
import org.redwhistle.ingest.commands.CommandView;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
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

    private final DeviceStore store;
    private final VisibleDevices visible;
    private final DeviceEditor editor;
    private final DeviceActions actions;
    private final Blocking blocking;

    DeviceController(DeviceStore store, VisibleDevices visible, DeviceEditor editor, DeviceActions actions, Blocking blocking) {
        this.store = store;
        this.visible = visible;
        this.editor = editor;
        this.actions = actions;
        this.blocking = blocking;
    }

    /** A page of devices. */
    public record DevicePage(List<DeviceView> items) {
    }

    /** A command to send. */
    public record NewCommand(@NotBlank String command, JsonNode args) {
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
            throw ApiException.badField("kind", "must be one of " + DeviceKind.wireNames());
        }
        if (state != null && List.of(DeviceState.values()).stream().noneMatch(s -> s.name().equals(state))) {
            throw ApiException.badField("state", "must be one of " + List.of(DeviceState.values()));
        }
        if (limit < 1 || limit > 5000) {
            throw ApiException.badField("limit", "must be between 1 and 5000");
        }
        DeviceScope reach = DeviceScope.of(caller);
        var filter = new DeviceStore.Filter(reach.areaId(), reach.keyOwnerId(), kind, state, areaId, BoundingBox.parse(bbox), limit);
        return blocking.call(() -> new DevicePage(store.list(filter).stream().map(d -> d.in(system)).toList()));
    }

    /** {@code crs} (wgs84 default, gcj02, bd09): the position and zone in that system. */
    @GetMapping("/{id}")
    public Mono<DeviceView> get(Caller caller, @PathVariable String id, @RequestParam(required = false) String crs) {
        var system = Crs.parse("crs", crs);
        return blocking.call(() -> visible.find(caller, id).in(system));
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
        edit.checkShape();
        return blocking.call(() -> editor.edit(caller, id, edit));
    }

    /**
     * Issues (or rotates) the device's own broker account; the password is returned once.
     * For ADMIN, and for INTEGRATOR on the devices of their own keys.
     */
    @Refuses(status = 409, when = "the device is disabled")
    @PostMapping("/{id}/credentials")
    public Mono<DeviceCredentials> credentials(Caller caller, @PathVariable String id) {
        return blocking.call(() -> actions.issueCredentials(caller, id));
    }

    /**
     * Sends a command to the device (ADMIN, OPERATOR in their area, INTEGRATOR for their own
     * devices): answered 202 with the command as SENT; it completes as OK, FAILED or TIMED_OUT.
     */
    @Refuses(status = 409, when = "the device is disabled")
    @PostMapping("/{id}/commands")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<CommandView> command(Caller caller, @PathVariable String id, @Valid @RequestBody NewCommand req) {
        CommandType type = CommandType.fromWire(req.command()).orElseThrow(() -> ApiException.badField("command",
                "must be one of " + CommandType.wireNames()));
        if (req.args() != null && !req.args().isNull() && !req.args().isObject()) {
            throw ApiException.badField("args", "must be a JSON object");
        }
        return blocking.call(() -> actions.send(caller, id, type, req.args()));
    }

    @GetMapping("/{id}/commands")
    public Mono<List<CommandView>> commands(Caller caller, @PathVariable String id) {
        return blocking.call(() -> actions.recent(caller, id));
    }
}
