package org.redwhistle.devices.contract;

import java.util.Arrays;
import java.util.Optional;

/** Commands the platform sends on {@code cc/v1/devices/{id}/commands}, and the kind that accepts each. */
public enum CommandType {
    OPEN_GATE("open_gate", DeviceKind.ACCESS_GATE),
    SIREN_ON("siren_on", DeviceKind.PERIMETER_ALARM),
    SIREN_OFF("siren_off", DeviceKind.PERIMETER_ALARM),
    CAPTURE_SNAPSHOT("capture_snapshot", DeviceKind.CAMERA);

    private final String wire;
    private final DeviceKind kind;

    CommandType(String wire, DeviceKind kind) {
        this.wire = wire;
        this.kind = kind;
    }

    public String wire() {
        return wire;
    }

    public DeviceKind kind() {
        return kind;
    }

    public static Optional<CommandType> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
