package org.redwhistle.api.devices;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.JsonNode;

/** A device as the registry API shows it; {@code keyOwnerId} is the integrator whose key provisioned it. */
public record DeviceView(String id, String kind, String serial, String name, long areaId, String areaName,
        double lon, double lat, String state, boolean online, Instant lastSeen, String firmware, JsonNode attributes,
        String provisioningKey, @JsonIgnore Long keyOwnerId) {
}
