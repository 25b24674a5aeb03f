package org.redwhistle.api.push;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.redwhistle.api.security.Role;

/** The STOMP destinations of the contract and which roles may subscribe to each. */
public final class Destinations {

    public static final String ALARMS = "/topic/alarms";
    public static final String CASES = "/topic/cases";
    public static final String POSITIONS = "/topic/positions";
    public static final String DEVICES = "/topic/devices";
    public static final String ALERTS = "/user/queue/alerts";

    private static final Map<String, Set<Role>> ALLOWED = Map.of(
            ALARMS, EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.LEADER, Role.POLICE),
            CASES, EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.LEADER, Role.DEPARTMENT),
            POSITIONS, EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.LEADER),
            DEVICES, EnumSet.of(Role.ADMIN, Role.OPERATOR, Role.LEADER),
            ALERTS, EnumSet.allOf(Role.class));

    private Destinations() {
    }

    /** The roles allowed on a destination; empty when the destination does not exist. */
    public static Optional<Set<Role>> rolesFor(String destination) {
        return Optional.ofNullable(ALLOWED.get(destination));
    }
}
