package org.redwhistle.api.zones;

import java.time.Instant;

/**
 * What zones need from the alarms feature: a {@code zone.enter} alarm when a person or device
 * enters an armed restricted area. Declared here, implemented by alarms, so that zones does not
 * depend on alarms (alarms depends on zones for the {@link PerimeterGate}).
 */
public interface ZoneEntryAlarms {

    /**
     * Raises the alarm and returns its id.
     *
     * @param subjectLabel who entered: a member's name or a device id
     * @param deviceId the terminal that reported the position, null for a phone
     */
    long raiseZoneEntry(String zoneCode, String zoneName, String subjectLabel, String deviceId, double lon, double lat, Instant at);
}
