package org.redwhistle.api.access;

import java.util.Optional;

/**
 * The department a user works for, told by the units feature (which implements this port), so that
 * GET /api/v1/me can name a department's account's unit without the access feature depending on units
 * (units depends on access: a dependency back would be a cycle between the features).
 */
public interface Workplaces {

    /** A department as the signed-in user sees their own: its code, full name and short name. */
    record UserDepartment(String code, String name, String shortName) {
    }

    /** The department of the account {@code userId} (a DEPARTMENT account), if any. */
    Optional<UserDepartment> departmentOf(long userId);
}
