package org.redwhistle.devices.contract;

import java.util.Arrays;
import java.util.Optional;

/** The four device kinds of a village, with their wire names. */
public enum DeviceKind {
    CAMERA("camera", false),
    ACCESS_GATE("access_gate", false),
    PERIMETER_ALARM("perimeter_alarm", false),
    PATROL_TERMINAL("patrol_terminal", true);

    private final String wire;
    private final boolean mobile;

    DeviceKind(String wire, boolean mobile) {
        this.wire = wire;
        this.mobile = mobile;
    }

    public String wire() {
        return wire;
    }

    /**
     * True for a kind that moves (a patrol terminal carried on the beat); the others are mounted
     * where they were registered, and the platform places their events there.
     */
    public boolean mobile() {
        return mobile;
    }

    public static Optional<DeviceKind> fromWire(String wire) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
    }
}
