package org.redwhistle.devices.contract;

import java.util.Arrays;
import java.util.Optional;

/** The {@code crs} values a device or client may use for {@code lon}/{@code lat}. */
public enum CoordinateSystem {
    WGS84("wgs84"),
    GCJ02("gcj02"),
    BD09("bd09");

    private final String wire;

    CoordinateSystem(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<CoordinateSystem> fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
