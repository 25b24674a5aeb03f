package org.redwhistle.api.devices.internal;

import java.util.Set;

import org.redwhistle.api.errors.ApiException;

import tools.jackson.databind.JsonNode;

/**
 * Kind-specific geometry of a device edit: a perimeter alarm guards a line or polygon ({@code zone},
 * GeoJSON); a camera's field of view is {@code attributes.directionDeg} (0–360, clockwise from
 * north), {@code fovDeg} (1–360) and {@code rangeM} (1–5000), its {@code streamUrl} an rtsp:// URL without
 * credentials; a gate's {@code attributes.lane} is text.
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
            if (attributes.has("streamUrl") && !attributes.get("streamUrl").isNull()) {
                JsonNode url = attributes.get("streamUrl");
                String problem = streamUrlProblem(url.isString() ? url.asText() : "");
                if (problem != null) {
                    throw ApiException.badField("attributes.streamUrl", problem);
                }
            }
        }
        if ("access_gate".equals(kind) && attributes.has("lane") && !attributes.get("lane").isString()) {
            throw ApiException.badField("attributes.lane", "must be text");
        }
    }

    /** Why a value is not an acceptable stream URL (rtsp:// or rtsps:// with a host, no userinfo), or null. */
    static String streamUrlProblem(String value) {
        java.net.URI uri;
        try {
            uri = new java.net.URI(value.trim());
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("rtsp".equals(uri.getScheme()) || "rtsps".equals(uri.getScheme()))) {
            return "must be an rtsp:// URL with a host, e.g. rtsp://192.0.2.10:554/stream1";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry a user or password (the platform's redwhistle.video.rtsp-credentials holds them)";
        }
        return null;
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
