package org.redwhistle.api.units.internal;

import java.util.Optional;

import org.redwhistle.api.access.Workplaces;
import org.redwhistle.api.units.Departments;
import org.springframework.stereotype.Component;

/** The access feature's port to the department an account works for. */
@Component
class DepartmentWorkplaces implements Workplaces {

    private final Departments departments;

    DepartmentWorkplaces(Departments departments) {
        this.departments = departments;
    }

    @Override
    public Optional<Workplaces.UserDepartment> departmentOf(long userId) {
        return departments.of(userId).map(d -> new Workplaces.UserDepartment(d.code(), d.name(), d.shortName()));
    }
}
