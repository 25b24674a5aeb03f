package org.redwhistle.api.geo;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;

/** The {@code crs} request parameter: WGS-84 (default), GCJ-02 or BD-09, converted to and from the stored WGS-84. */
public final class Crs {

    private Crs() {
    }

    public static CoordinateSystem parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return CoordinateSystem.WGS84;
        }
        return CoordinateSystem.fromWire(value.trim().toLowerCase(java.util.Locale.ROOT))
                .orElseThrow(() -> ApiException.badField(field, "must be one of wgs84, gcj02, bd09"));
    }

    public static ChineseCoordinates.LonLat toWgs84(CoordinateSystem crs, double lon, double lat) {
        return switch (crs) {
            case WGS84 -> new ChineseCoordinates.LonLat(lon, lat);
            case GCJ02 -> ChineseCoordinates.gcj02ToWgs84(lon, lat);
            case BD09 -> ChineseCoordinates.bd09ToWgs84(lon, lat);
        };
    }

    public static ChineseCoordinates.LonLat fromWgs84(CoordinateSystem crs, double lon, double lat) {
        return switch (crs) {
            case WGS84 -> new ChineseCoordinates.LonLat(lon, lat);
            case GCJ02 -> ChineseCoordinates.wgs84ToGcj02(lon, lat);
            case BD09 -> ChineseCoordinates.wgs84ToBd09(lon, lat);
        };
    }

    /** A lon/lat pair that must be finite and in range. */
    public static void checkLonLat(Double lon, Double lat) {
        if (lon == null) {
            throw ApiException.badField("lon", "is required");
        }
        if (lat == null) {
            throw ApiException.badField("lat", "is required");
        }
        if (!(lon >= -180 && lon <= 180)) {
            throw ApiException.badField("lon", "must be a number from -180 to 180");
        }
        if (!(lat >= -90 && lat <= 90)) {
            throw ApiException.badField("lat", "must be a number from -90 to 90");
        }
    }
}
