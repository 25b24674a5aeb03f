package org.redwhistle.ingest.registry;

import org.redwhistle.devices.contract.DeviceKind;

/**
 * What the pipeline needs to know of a device, cached. {@code permittedAreaId} is the area the
 * device may report from: its provisioning key's area, or, for a device registered without a key,
 * the community holding its registered area (a device's registered area is the grid of its place,
 * and a patrol beat crosses grids).
 */
public record RegisteredDevice(String id, DeviceKind kind, long areaId, double lon, double lat, DeviceState state,
        long permittedAreaId) {
}
