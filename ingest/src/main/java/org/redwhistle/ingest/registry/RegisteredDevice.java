package org.redwhistle.ingest.registry;

import org.redwhistle.devices.contract.DeviceKind;

/** What the pipeline needs to know of a device, cached. */
public record RegisteredDevice(String id, DeviceKind kind, long areaId, double lon, double lat, DeviceState state) {
}
