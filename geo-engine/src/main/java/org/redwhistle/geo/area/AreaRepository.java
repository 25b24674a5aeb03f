package org.redwhistle.geo.area;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Areas of the hierarchy. */
public interface AreaRepository extends JpaRepository<Area, Long> {

    Optional<Area> findByCode(String code);
}
