package org.redwhistle.ingest.registry;

import org.springframework.data.jpa.repository.JpaRepository;

/** The device registry. */
public interface DeviceRepository extends JpaRepository<Device, String> {
}
