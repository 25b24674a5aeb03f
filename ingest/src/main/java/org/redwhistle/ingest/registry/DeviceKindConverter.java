package org.redwhistle.ingest.registry;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.redwhistle.devices.contract.DeviceKind;

/** Stores a device kind by its contract name ({@code perimeter_alarm}), as integrators see it. */
@Converter(autoApply = true)
public class DeviceKindConverter implements AttributeConverter<DeviceKind, String> {

    @Override
    public String convertToDatabaseColumn(DeviceKind kind) {
        return kind == null ? null : kind.wire();
    }

    @Override
    public DeviceKind convertToEntityAttribute(String wire) {
        return wire == null ? null : DeviceKind.fromWire(wire)
                .orElseThrow(() -> new IllegalStateException("unknown device kind in database: " + wire));
    }
}
