package org.redwhistle.api.devices.internal;

import java.time.Instant;

import org.redwhistle.api.geo.Crs;
import org.redwhistle.devices.contract.CoordinateSystem;

import com.fasterxml.jackson.annotation.JsonIgnore;

import tools.jackson.databind.JsonNode;

/**
 * A device as the registry API shows it. {@code zone} is a perimeter alarm's guarded line or polygon
 * (GeoJSON); a camera's field of view is in {@code attributes} (directionDeg, fovDeg, rangeM), a
 * gate's lane too ({@code lane}). {@code keyOwnerId} is the integrator whose key provisioned it.
 * {@code nationalCode} is a camera's 20-digit GB/T 28181 code (国标编码), null until it has one.
 */
public record DeviceView(String id, String kind, String serial, String nationalCode, String name, long areaId, String areaName,
        double lon, double lat, String state, boolean online, Instant lastSeen, String firmware, JsonNode attributes,
        JsonNode zone, String provisioningKey, @JsonIgnore Long keyOwnerId) {

    /** The same device with its position and guarded zone in another coordinate system (stored in WGS-84). */
    public DeviceView in(CoordinateSystem crs) {
        var p = Crs.fromWgs84(crs, lon, lat);
        return new DeviceView(id, kind, serial, nationalCode, name, areaId, areaName, p.lon(), p.lat(), state, online, lastSeen, firmware, attributes,
                Crs.geoJsonIn(crs, zone), provisioningKey, keyOwnerId);
    }
}
