package org.redwhistle.ingest.registry;

/** A device's life in the registry. */
public enum DeviceState {
    PROVISIONED,
    ACTIVE,
    DISABLED
}
