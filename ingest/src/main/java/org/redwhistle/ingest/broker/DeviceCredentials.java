package org.redwhistle.ingest.broker;

/** A device's own broker account; the password is shown once and stored only by the broker (hashed). */
public record DeviceCredentials(String username, String password, String clientId) {
}
