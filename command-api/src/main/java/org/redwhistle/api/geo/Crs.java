package org.redwhistle.api.geo;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.devices.contract.CoordinateSystem;
import org.redwhistle.geo.crs.ChineseCoordinates;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

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

    /**
     * A GeoJSON geometry (or Feature, or FeatureCollection) with every position converted from
     * WGS-84 into {@code crs}; the input is left untouched. WGS-84 returns the input itself.
     */
    public static JsonNode geoJsonIn(CoordinateSystem crs, JsonNode geojson) {
        if (crs == CoordinateSystem.WGS84 || geojson == null || geojson.isNull()) {
            return geojson;
        }
        JsonNode copy = geojson.deepCopy();
        convert(crs, copy);
        return copy;
    }

    private static void convert(CoordinateSystem crs, JsonNode node) {
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("coordinates")) {
                o.set("coordinates", positions(crs, o.get("coordinates")));
            }
            for (String child : new String[] {"geometry", "geometries", "features"}) {
                JsonNode c = o.get(child);
                if (c != null && c.isArray()) {
                    c.forEach(x -> convert(crs, x));
                } else if (c != null) {
                    convert(crs, c);
                }
            }
        }
    }

    private static JsonNode positions(CoordinateSystem crs, JsonNode c) {
        if (c.isArray() && c.size() >= 2 && c.get(0).isNumber()) {
            ChineseCoordinates.LonLat p = fromWgs84(crs, c.get(0).asDouble(), c.get(1).asDouble());
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            out.add(p.lon());
            out.add(p.lat());
            return out;
        }
        if (c.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            c.forEach(x -> out.add(positions(crs, x)));
            return out;
        }
        return c;
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
