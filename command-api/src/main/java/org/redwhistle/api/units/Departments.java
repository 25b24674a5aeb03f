package org.redwhistle.api.units;

import java.util.List;
import java.util.Optional;

/** The departments, for the features that route work to them and count it (cases, statistics). */
public interface Departments {

    Optional<Department> byCode(String code);

    Optional<Department> byId(long id);

    /** The active departments serving an area on {@code areaPath} (the district's, and a street's for its own cases), in sort order. */
    List<Department> serving(List<Long> areaPath);

    /** The department with {@code d}'s code, created from {@code d} when there is none (seeding); its id. */
    long ensure(Department d);

    /** The department the user works for (a DEPARTMENT account), if any. */
    Optional<Department> of(long userId);
}
