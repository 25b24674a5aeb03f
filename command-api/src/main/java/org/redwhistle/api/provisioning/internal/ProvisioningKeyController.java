package org.redwhistle.api.provisioning.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.Blocking;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.provisioning.ProvisioningKeys;
import org.redwhistle.ingest.provisioning.ProvisioningProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** Provisioning keys for integrators: bound to an area and kinds, with an expiry and a device quota. */
@RestController
@RequestMapping("/api/v1/provisioning-keys")
public class ProvisioningKeyController {

    private final ProvisioningKeys keys;
    private final ProvisioningProperties props;
    private final MqttProperties mqtt;
    private final AreaScope scope;
    private final AuditLog audit;
    private final Blocking blocking;

    public ProvisioningKeyController(ProvisioningKeys keys, ProvisioningProperties props, MqttProperties mqtt,
            AreaScope scope, AuditLog audit, Blocking blocking) {
        this.keys = keys;
        this.props = props;
        this.mqtt = mqtt;
        this.scope = scope;
        this.audit = audit;
        this.blocking = blocking;
    }

    /** What to issue; {@code areaId} defaults to the caller's area. */
    public record NewKey(@NotBlank @Size(max = 100) String name, Long areaId, @NotEmpty List<String> kinds,
            @Min(1) @Max(100_000) int quota, @Min(1) @Max(3650) int validDays) {
    }

    /** The broker account and topics a device uses with the key. */
    public record MqttAccess(String url, String username, String password, String requestTopic, String responseTopic) {
    }

    /** The key, its secret (shown once) and how to use them. */
    public record IssuedKeyResponse(String key, String secret, ProvisioningKeys.KeyView details, MqttAccess mqtt) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<IssuedKeyResponse> issue(Caller caller, @Valid @RequestBody NewKey req) {
        CurrentUser user = caller.user();
        Set<DeviceKind> kinds = new LinkedHashSet<>();
        for (String k : req.kinds()) {
            kinds.add(DeviceKind.fromWire(k).orElseThrow(() ->
                    ApiException.badField("kinds", "'" + k + "' is not one of " + DeviceKind.wireNames())));
        }
        if (req.quota() > props.maxQuota()) {
            throw ApiException.badField("quota", "must be at most " + props.maxQuota());
        }
        Duration validity = Duration.ofDays(req.validDays());
        if (validity.compareTo(props.maxValidity()) > 0) {
            throw ApiException.badField("validDays", "must be at most " + props.maxValidity().toDays());
        }
        if (props.mqttPassword() == null || props.mqttPassword().isBlank()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Provisioning is off",
                    "MQTT self-provisioning is not configured on this server (RW_PROVISION_PASSWORD)", List.of());
        }
        Long areaId = req.areaId() != null ? req.areaId() : user.areaId();
        if (areaId == null) {
            throw ApiException.badField("areaId", "is required for an ADMIN, who has no area of their own");
        }
        return blocking.call(() -> {
            scope.requireInside(user, areaId);
            ProvisioningKeys.IssuedKey k = keys.issue(user.id(), areaId, kinds, req.quota(), Instant.now().plus(validity), req.name());
            audit.record(user.username(), "provisioning-key.issued", "provisioning_key", k.key(), null,
                    Map.of("areaId", areaId, "kinds", req.kinds(), "quota", req.quota(), "validDays", req.validDays()));
            String url = props.publicBrokerUrl() == null || props.publicBrokerUrl().isBlank() ? mqtt.url() : props.publicBrokerUrl();
            return new IssuedKeyResponse(k.key(), k.secret(), k.view(), new MqttAccess(url, props.mqttUsername(), props.mqttPassword(),
                    Topics.provisionRequest("{nonce}"), Topics.provisionResponse("{nonce}")));
        });
    }

    @GetMapping
    public Mono<List<ProvisioningKeys.KeyView>> list(Caller caller) {
        // provisioning-keys: an administrator sees every key, an integrator the keys they issued
        Long owner = switch (caller.scope()) {
            case ALL -> null;
            case OWN -> caller.user().id();
            case AREA, SHARED -> throw caller.unsupportedScope();
        };
        return blocking.call(() -> keys.list(owner));
    }
}
