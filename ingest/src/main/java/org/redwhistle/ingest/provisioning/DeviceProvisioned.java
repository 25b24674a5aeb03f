package org.redwhistle.ingest.provisioning;

/** A device onboarded itself over MQTT: created, claimed (pre-registered by serial) or re-provisioned. */
public record DeviceProvisioned(String deviceId, String serial, String provisioningKey, long ownerId, String how) {
}
