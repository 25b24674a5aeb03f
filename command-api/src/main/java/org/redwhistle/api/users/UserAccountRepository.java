package org.redwhistle.api.users;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Users by id and username. */
public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByPhone(String phone);

    /** The enabled accounts of a role at one area: a unit's staff (e.g. a community's operators). */
    java.util.List<UserAccount> findByAreaIdAndRoleAndEnabledTrue(Long areaId, org.redwhistle.api.security.Role role);

    /** The enabled accounts of a department. */
    java.util.List<UserAccount> findByDepartmentIdAndEnabledTrue(Long departmentId);
}
