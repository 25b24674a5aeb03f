package org.redwhistle.api.push;

import org.redwhistle.api.access.Scope;

/** The STOMP destinations of the contract. */
public final class Destinations {

    public static final String ALARMS = "/topic/alarms";
    public static final String CASES = "/topic/cases";
    public static final String POSITIONS = "/topic/positions";
    public static final String DEVICES = "/topic/devices";
    public static final String ALERTS = "/user/queue/alerts";
    /** A resident's own requests, as they change (CaseView JSON). */
    public static final String OWN_CASES = "/user/queue/cases";

    private Destinations() {
    }

    /**
     * Whether the destination can deliver what a scope allows: the topics deliver inside the
     * user's area (ALL, AREA), the user queue to the user alone (OWN). Who may subscribe at all is
     * {@link org.redwhistle.api.access.AccessPolicy}'s.
     */
    public static boolean serves(String destination, Scope scope) {
        return destination.startsWith("/user/") ? scope == Scope.OWN : scope == Scope.ALL || scope == Scope.AREA;
    }
}
