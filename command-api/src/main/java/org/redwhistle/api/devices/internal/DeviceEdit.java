package org.redwhistle.api.devices.internal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;

import org.redwhistle.api.errors.ApiException;
import org.redwhistle.ingest.registry.DeviceState;

import tools.jackson.databind.JsonNode;

/**
 * Fields to change; absent ones stay as they are. A JSON {@code null} zone removes the guarded zone.
 * {@code nationalCode}: a camera's 20-digit GB/T 28181 code (国标编码), set by those holding cameras.codes.
 */
public record DeviceEdit(@Size(min = 1, max = 100) String name, DeviceState state, @Size(max = 64) String firmware,
        @DecimalMin("-180") @DecimalMax("180") Double lon, @DecimalMin("-90") @DecimalMax("90") Double lat,
        JsonNode attributes, JsonNode zone, String nationalCode) {

    /** The checks that need nothing but the request: lon and lat come together, attributes are an object. */
    void checkShape() {
        if ((lon == null) != (lat == null)) {
            throw ApiException.badField(lon == null ? "lon" : "lat", "lon and lat are changed together");
        }
        if (attributes != null && !attributes.isObject()) {
            throw ApiException.badField("attributes", "must be a JSON object");
        }
    }

    /** Whether the edit sets a guarded zone (not merely removes it). */
    boolean setsZone() {
        return zone != null && !zone.isNull();
    }
}
