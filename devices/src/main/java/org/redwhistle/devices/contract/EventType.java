package org.redwhistle.devices.contract;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Event types of the contract, each with the device kinds that may send it; the fields each type
 * requires are in its JSON Schema ({@link ContractSchemas}).
 */
public enum EventType {
    CAMERA_MOTION("camera.motion", EnumSet.of(DeviceKind.CAMERA)),
    CAMERA_PERSON("camera.person", EnumSet.of(DeviceKind.CAMERA)),
    CAMERA_TAMPER("camera.tamper", EnumSet.of(DeviceKind.CAMERA)),
    GATE_PASSAGE("gate.passage", EnumSet.of(DeviceKind.ACCESS_GATE)),
    GATE_FORCED("gate.forced", EnumSet.of(DeviceKind.ACCESS_GATE)),
    GATE_TAILGATING("gate.tailgating", EnumSet.of(DeviceKind.ACCESS_GATE)),
    PERIMETER_INTRUSION("perimeter.intrusion", EnumSet.of(DeviceKind.PERIMETER_ALARM)),
    PERIMETER_TAMPER("perimeter.tamper", EnumSet.of(DeviceKind.PERIMETER_ALARM)),
    PERIMETER_FAULT("perimeter.fault", EnumSet.of(DeviceKind.PERIMETER_ALARM)),
    PATROL_CHECKPOINT("patrol.checkpoint", EnumSet.of(DeviceKind.PATROL_TERMINAL)),
    PATROL_SOS("patrol.sos", EnumSet.of(DeviceKind.PATROL_TERMINAL)),
    DEVICE_HEARTBEAT("device.heartbeat", EnumSet.allOf(DeviceKind.class));

    private final String wire;
    private final Set<DeviceKind> kinds;

    EventType(String wire, Set<DeviceKind> kinds) {
        this.wire = wire;
        this.kinds = kinds;
    }

    public String wire() {
        return wire;
    }

    public boolean allowedFor(DeviceKind kind) {
        return kinds.contains(kind);
    }

    public static Optional<EventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
    }
}
