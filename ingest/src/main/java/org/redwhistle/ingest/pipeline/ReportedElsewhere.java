package org.redwhistle.ingest.pipeline;

/**
 * A fixed device's event that reported a position away from where the device is registered (beyond
 * its kind's tolerance, or outside its area): the event was placed at the registered location, and
 * this keeps what the device said, WGS-84, and how far that is from the registered location.
 */
public record ReportedElsewhere(double lon, double lat, double distanceM) {
}
