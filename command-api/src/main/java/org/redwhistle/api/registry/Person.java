package org.redwhistle.api.registry;

import java.time.LocalDate;
import java.util.Set;

/**
 * A person of the registry, with everything it holds about them. Personal data ({@code idNumber},
 * {@code phone}, {@code birthDate}) is for the features that need it; what a caller may be shown is
 * decided where it is shown.
 */
public record Person(long id, long areaId, Long householdId, String name, String gender, LocalDate birthDate, String idNumber,
        String phone, String relation, Long userId, boolean active, Set<CivicRole> roles) {

    public boolean has(CivicRole role) {
        return roles.contains(role);
    }
}
