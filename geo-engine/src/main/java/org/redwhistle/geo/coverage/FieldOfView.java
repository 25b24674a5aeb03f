package org.redwhistle.geo.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.redwhistle.geo.Ellipsoid;

/**
 * Which cameras see a point: a camera covers the points within {@code rangeM} whose bearing from
 * the camera lies within half its field of view either side of its direction (degrees clockwise
 * from north). A 360° camera sees all round. Distances are geodesic on WGS-84.
 */
public final class FieldOfView {

    private FieldOfView() {
    }

    /** A camera's mount and view. */
    public record Camera(String id, String name, double lon, double lat, double directionDeg, double fovDeg, double rangeM) {
    }

    /** A camera that sees the point: how far, and at which bearing from the camera. */
    public record Sighting(Camera camera, double distanceM, double bearingDeg) {
    }

    /** The cameras seeing the point, nearest first. */
    public static List<Sighting> covering(Collection<Camera> cameras, double lon, double lat) {
        List<Sighting> out = new ArrayList<>();
        for (Camera c : cameras) {
            double d = Ellipsoid.distanceM(c.lon(), c.lat(), lon, lat);
            if (d > c.rangeM()) {
                continue;
            }
            double bearing = d == 0 ? c.directionDeg() : bearingDeg(c.lon(), c.lat(), lon, lat);
            if (c.fovDeg() >= 360 || angleBetween(bearing, c.directionDeg()) <= c.fovDeg() / 2) {
                out.add(new Sighting(c, d, bearing));
            }
        }
        out.sort(Comparator.comparingDouble(Sighting::distanceM));
        return out;
    }

    /** Initial bearing from the first point to the second, degrees clockwise from north in [0, 360). */
    public static double bearingDeg(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dl = Math.toRadians(lon2 - lon1);
        double y = Math.sin(dl) * Math.cos(p2);
        double x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
        double b = Math.toDegrees(Math.atan2(y, x));
        return (b + 360) % 360;
    }

    /** The smaller angle between two bearings, 0–180. */
    static double angleBetween(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }
}
