package org.redwhistle.devices.contract;

import java.util.Arrays;
import java.util.Optional;

/** The four device kinds of a village, with their wire names. */
public enum DeviceKind {
    CAMERA("camera"),
    ACCESS_GATE("access_gate"),
    PERIMETER_ALARM("perimeter_alarm"),
    PATROL_TERMINAL("patrol_terminal");

    private final String wire;

    DeviceKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DeviceKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
