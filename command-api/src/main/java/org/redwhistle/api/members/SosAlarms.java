package org.redwhistle.api.members;

import java.time.Instant;

/**
 * What members need from the alarms feature: a patrol member's SOS raised as a CRITICAL
 * {@code patrol.sos} alarm. Declared here, implemented by alarms, so that members does not depend
 * on alarms (alarms depends on members for dispatch).
 */
public interface SosAlarms {

    /**
     * Raises the SOS alarm and returns its id.
     *
     * @param title what the command center reads, naming the member
     * @param ref the member as the alarm's reference ({@code member:<id>})
     * @param reason who sent it and their words, for the alarm's history
     */
    long raiseSos(String title, String ref, double lon, double lat, Instant at, String reason);
}
