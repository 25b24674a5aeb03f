package org.redwhistle.api.areas;

import org.redwhistle.api.errors.ApiException;

/** The {@code bbox=minLon,minLat,maxLon,maxLat} query parameter. */
public final class BoundingBox {

    private BoundingBox() {
    }

    /** The four numbers, or null when absent; a malformed value is a 400 naming {@code bbox}. */
    public static double[] parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String[] parts = raw.split(",");
        if (parts.length != 4) {
            throw ApiException.badField("bbox", "must be minLon,minLat,maxLon,maxLat");
        }
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i].trim());
                if (!Double.isFinite(b[i])) {
                    throw new NumberFormatException(parts[i]);
                }
            }
        } catch (NumberFormatException e) {
            throw ApiException.badField("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat");
        }
        if (b[0] > b[2] || b[1] > b[3] || b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
            throw ApiException.badField("bbox", "min must not exceed max, and lon/lat must be in range");
        }
        return b;
    }
}
