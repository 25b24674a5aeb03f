package org.redwhistle.api.devices.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.broker.DeviceCredentials;
import org.redwhistle.ingest.commands.CommandView;
import org.redwhistle.ingest.commands.DeviceCommands;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** What the platform does to a device through the broker, each audited: issuing its credentials, sending it a command. */
@Component
class DeviceActions {

    private final VisibleDevices visible;
    private final BrokerAccess broker;
    private final DeviceCommands commands;
    private final AuditLog audit;

    DeviceActions(VisibleDevices visible, BrokerAccess broker, DeviceCommands commands, AuditLog audit) {
        this.visible = visible;
        this.broker = broker;
        this.commands = commands;
        this.audit = audit;
    }

    /** Blocking: issues (or rotates) the device's own broker account; a disabled device gets none (409). */
    DeviceCredentials issueCredentials(Caller caller, String id) {
        DeviceView d = visible.find(caller, id);
        if (DeviceState.DISABLED.name().equals(d.state())) {
            throw new ApiException(HttpStatus.CONFLICT, "Device disabled",
                    id + " is disabled; it gets credentials again only after someone allowed to (devices.enable) re-enables it",
                    List.of(new ApiException.FieldError("state", "DISABLED")));
        }
        DeviceCredentials c = broker.issueCredentials(id);
        audit.record(caller.user().username(), "device.credentials.issued", "device", id, null, Map.of("username", c.username()));
        return c;
    }

    /** Blocking: sends a command of the device's own kind; 409 when it is disabled, 503 when the broker is away. */
    CommandView send(Caller caller, String id, CommandType type, JsonNode args) {
        DeviceView d = visible.find(caller, id);
        if (DeviceKind.fromWire(d.kind()).filter(type::acceptedBy).isEmpty()) {
            throw ApiException.badField("command", "'" + type.wire() + "' is for " + String.join(", ", type.kinds().stream().map(DeviceKind::wire).toList())
                    + " devices; " + id + " is a " + d.kind());
        }
        if (DeviceState.DISABLED.name().equals(d.state())) {
            throw new ApiException(HttpStatus.CONFLICT, "Device disabled", id + " is disabled", List.of());
        }
        CommandView c;
        try {
            c = commands.send(id, type, args, caller.user().username());
        } catch (IllegalStateException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Broker unavailable", e.getMessage(), List.of());
        }
        audit.record(caller.user().username(), "device.command.sent", "device", id, null, Map.of("cmdId", c.cmdId(), "command", type.wire()));
        return c;
    }

    /** Blocking: the device's latest commands, newest first. */
    List<CommandView> recent(Caller caller, String id) {
        visible.find(caller, id);
        return commands.recent(id, 50);
    }
}
