package org.redwhistle.geo.zones;

/** Published after zones were created or changed, so the zone index reloads. */
public record ZonesChanged(String reason) {
}
