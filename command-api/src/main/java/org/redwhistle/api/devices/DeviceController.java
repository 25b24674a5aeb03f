package org.redwhistle.api.devices;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.areas.BoundingBox;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.broker.DeviceCredentials;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** The device registry inside the caller's area, and device broker credentials. */
@RestController
@RequestMapping("/api/v1/devices")
public class DeviceController {

    private final DeviceQueries queries;
    private final BrokerAccess broker;
    private final AuditLog audit;
    private final Blocking blocking;
    private final AreaScope scope;

    public DeviceController(DeviceQueries queries, BrokerAccess broker, AuditLog audit, Blocking blocking, AreaScope scope) {
        this.queries = queries;
        this.scope = scope;
        this.broker = broker;
        this.audit = audit;
        this.blocking = blocking;
    }

    /** A page of devices. */
    public record DevicePage(List<DeviceView> items) {
    }

    @GetMapping
    public Mono<DevicePage> list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Long areaId,
            @RequestParam(required = false) String bbox,
            @RequestParam(defaultValue = "500") int limit) {
        CurrentUser user = CurrentUser.of(jwt);
        if (kind != null && DeviceKind.fromWire(kind).isEmpty()) {
            throw ApiException.badField("kind", "must be one of camera, access_gate, perimeter_alarm, patrol_terminal");
        }
        if (state != null && List.of(DeviceState.values()).stream().noneMatch(s -> s.name().equals(state))) {
            throw ApiException.badField("state", "must be one of " + List.of(DeviceState.values()));
        }
        if (limit < 1 || limit > 5000) {
            throw ApiException.badField("limit", "must be between 1 and 5000");
        }
        var filter = new DeviceQueries.Filter(user.areaId(), kind, state, areaId,
                BoundingBox.parse(bbox), limit);
        return blocking.call(() -> new DevicePage(queries.list(filter)));
    }

    @GetMapping("/{id}")
    public Mono<DeviceView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        CurrentUser user = CurrentUser.of(jwt);
        return blocking.call(() -> visible(user, id));
    }

    /**
     * Issues (or rotates) the device's own broker account; the password is returned once.
     * For ADMIN, and for INTEGRATOR inside their area.
     */
    @PostMapping("/{id}/credentials")
    public Mono<DeviceCredentials> credentials(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        CurrentUser user = CurrentUser.of(jwt);
        if (!user.hasAnyRole(Role.ADMIN, Role.INTEGRATOR)) {
            throw ApiException.forbidden("only ADMIN and INTEGRATOR users can issue device credentials");
        }
        return blocking.call(() -> {
            visible(user, id);
            DeviceCredentials c = broker.issueCredentials(id);
            audit.record(user.username(), "device.credentials.issued", "device", id, null, Map.of("username", c.username()));
            return c;
        });
    }

    private DeviceView visible(CurrentUser user, String id) {
        return queries.find(id).filter(d -> scope.isInside(user, d.areaId()))
                .orElseThrow(() -> ApiException.notFound("device " + id));
    }
}
