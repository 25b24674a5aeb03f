package org.redwhistle.geo.area;

/** Published after areas were created, changed or removed, so indexes rebuild. */
public record AreasChanged(String reason) {
}
