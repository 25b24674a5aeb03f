package org.redwhistle.api.devices;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.JsonNode;

/**
 * A device as the registry API shows it. {@code zone} is a perimeter alarm's guarded line or polygon
 * (GeoJSON); a camera's field of view is in {@code attributes} (directionDeg, fovDeg, rangeM), a
 * gate's lane too ({@code lane}). {@code keyOwnerId} is the integrator whose key provisioned it.
 */
public record DeviceView(String id, String kind, String serial, String name, long areaId, String areaName,
        double lon, double lat, String state, boolean online, Instant lastSeen, String firmware, JsonNode attributes,
        JsonNode zone, String provisioningKey, @JsonIgnore Long keyOwnerId) {
}
