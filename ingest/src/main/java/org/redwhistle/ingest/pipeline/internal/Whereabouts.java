package org.redwhistle.ingest.pipeline.internal;

import org.redwhistle.geo.Ellipsoid;
import org.redwhistle.ingest.pipeline.ReportedElsewhere;
import org.redwhistle.ingest.registry.RegisteredDevice;

/**
 * Devices are not trusted about where they are. A fixed device (camera, gate, wall alarm) is where
 * it was registered: an event saying it happened further away than its kind's tolerance, or outside
 * the device's area, is placed at the registered place (an intrusion must not be lost to a bad
 * position, nor raised in someone else's area) and keeps what was reported. A mobile device (patrol
 * terminal) goes where it goes, but never outside its area: such an event or fix is refused.
 * Pure: the caller says whether the reported point lies in the device's area.
 */
public final class Whereabouts {

    private Whereabouts() {
    }

    /** Where an event is placed. */
    public sealed interface Placement {
    }

    /** Where the device said, or its registered place when it said nothing. */
    public record Placed(double lon, double lat) implements Placement {
    }

    /** A fixed device's event placed at its registered place, with what it reported. */
    public record Relocated(double lon, double lat, ReportedElsewhere reported) implements Placement {
    }

    /** A mobile device's event from outside its area: dead-lettered. */
    public record OutsideArea(double lon, double lat) implements Placement {
    }

    /**
     * @param lon        the event's WGS-84 longitude, null when it sent no position (then {@code inArea} is not read)
     * @param inArea     whether the reported point lies in the device's permitted area
     * @param toleranceM how far a device of this kind may report from its registered place (infinite for mobile kinds)
     */
    public static Placement place(RegisteredDevice device, Double lon, Double lat, boolean inArea, double toleranceM) {
        if (lon == null || lat == null) {
            return new Placed(device.lon(), device.lat());
        }
        if (device.kind().mobile()) {
            return inArea ? new Placed(lon, lat) : new OutsideArea(lon, lat);
        }
        double distance = Ellipsoid.distanceM(device.lon(), device.lat(), lon, lat);
        if (inArea && distance <= toleranceM) {
            return new Placed(lon, lat);
        }
        return new Relocated(device.lon(), device.lat(), new ReportedElsewhere(lon, lat, distance));
    }

    /** The dead-letter reason of a mobile device's event or fix from outside its area. */
    public static String outsideReason(double lon, double lat, String areaName) {
        return "location " + lon + "," + lat + " is outside the device's area (" + areaName + ")";
    }
}
