package org.redwhistle.api.users;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Users by id and username. */
public interface UserAccountRepository extends JpaRepository<UserAccount, Long> {

    Optional<UserAccount> findByUsername(String username);

    Optional<UserAccount> findByPhone(String phone);
}
