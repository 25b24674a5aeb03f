package org.redwhistle.api.tours;

import java.time.Instant;

/**
 * What tours need from the alarms feature: a MEDIUM alarm for a round with missed or late
 * checkpoints. Declared here, implemented by alarms, so that tours does not depend on alarms.
 */
public interface TourAlarms {

    /** Why a round raises an alarm. */
    enum Kind {
        /** Some checkpoints were not visited in the round ({@code tour.missed}). */
        MISSED,
        /** Every checkpoint was visited, some after the round was due ({@code tour.late}). */
        LATE
    }

    /**
     * Raises the alarm at the worst checkpoint and returns its id.
     *
     * @param tourCode the tour, as the alarm's reference
     * @param due when the round was due
     * @param reason the round's counts, for the alarm's history
     */
    long raiseRoundAlarm(Kind kind, String title, String tourCode, double lon, double lat, Instant due, String reason);
}
