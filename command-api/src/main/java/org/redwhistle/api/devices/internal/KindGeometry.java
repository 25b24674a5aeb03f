package org.redwhistle.api.devices.internal;

import java.util.Set;

import org.redwhistle.api.errors.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * Kind-specific geometry of a device edit: a perimeter alarm guards a line or polygon ({@code zone},
 * GeoJSON); a camera's field of view is {@code attributes.directionDeg} (0–360, clockwise from
 * north), {@code fovDeg} (1–360) and {@code rangeM} (1–5000); a gate's {@code attributes.lane} is text.
 */
final class KindGeometry {

    private static final Set<String> ZONE_TYPES = Set.of("LineString", "MultiLineString", "Polygon", "MultiPolygon");

    private KindGeometry() {
    }

    static void check(String kind, JsonNode attributes, JsonNode zone) {
        if (zone != null && !zone.isNull()) {
            if (!"perimeter_alarm".equals(kind)) {
                throw ApiException.badField("zone", "only perimeter_alarm devices guard a zone; this is a " + kind);
            }
            if (!zone.isObject() || !ZONE_TYPES.contains(zone.path("type").asText()) || !zone.path("coordinates").isArray()) {
                throw ApiException.badField("zone", "must be a GeoJSON LineString, MultiLineString, Polygon or MultiPolygon");
            }
        }
        if (attributes == null || !attributes.isObject()) {
            return;
        }
        if ("camera".equals(kind)) {
            range(attributes, "directionDeg", 0, 360);
            range(attributes, "fovDeg", 1, 360);
            range(attributes, "rangeM", 1, 5000);
        }
        if ("access_gate".equals(kind) && attributes.has("lane") && !attributes.get("lane").isString()) {
            throw ApiException.badField("attributes.lane", "must be text");
        }
    }

    private static void range(JsonNode attributes, String field, double min, double max) {
        if (!attributes.has(field)) {
            return;
        }
        JsonNode v = attributes.get(field);
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw ApiException.badField("attributes." + field, "must be a number from " + (int) min + " to " + (int) max);
        }
    }
}
