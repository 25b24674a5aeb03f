package org.redwhistle.api.devices;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/** A device as the registry API shows it. */
public record DeviceView(String id, String kind, String serial, String name, long areaId, String areaName,
        double lon, double lat, String state, boolean online, Instant lastSeen, String firmware, JsonNode attributes) {
}
