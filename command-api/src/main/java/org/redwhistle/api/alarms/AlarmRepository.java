package org.redwhistle.api.alarms;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

/** Alarms. */
public interface AlarmRepository extends JpaRepository<Alarm, Long> {

    /** The open alarm a repeat from the same device and rule belongs to, if still inside the window. */
    Optional<Alarm> findFirstByDeviceIdAndTypeAndStatusInAndLastSeenAtAfterOrderByLastSeenAtDesc(
            String deviceId, String type, Collection<AlarmStatus> open, Instant after);

    java.util.List<Alarm> findByDeviceIdAndTypeAndStatusIn(String deviceId, String type, Collection<AlarmStatus> statuses);
}
