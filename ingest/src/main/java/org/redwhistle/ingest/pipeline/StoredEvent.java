package org.redwhistle.ingest.pipeline;

import java.time.OffsetDateTime;
import java.util.Optional;

import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.geo.grid.GridChain;

import tools.jackson.databind.JsonNode;

/**
 * A device event as committed: WGS-84 location (the event's own, else the device's), and the grid
 * chain containing it when there is one. {@code reportedElsewhere} is present when a fixed device
 * reported a position away from its registered place: the event stands at the registered place.
 */
public record StoredEvent(String deviceId, DeviceKind kind, String msgId, EventType type, OffsetDateTime ts,
        double lon, double lat, Optional<GridChain> grid, JsonNode payload, Optional<ReportedElsewhere> reportedElsewhere) {
}
