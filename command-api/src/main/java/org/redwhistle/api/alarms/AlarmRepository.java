package org.redwhistle.api.alarms;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Alarms. */
public interface AlarmRepository extends JpaRepository<Alarm, Long> {

    /**
     * The open alarm a repeat belongs to: same device, rule and zone (two walls guarded by one
     * device are two incidents), still inside the correlation window.
     */
    @Query("""
            select a from Alarm a where a.deviceId = :deviceId and a.type = :type
              and ((:zoneId is null and a.zoneId is null) or a.zoneId = :zoneId)
              and a.status in :open and a.lastSeenAt > :after
            order by a.lastSeenAt desc limit 1""")
    Optional<Alarm> findOpenRepeat(String deviceId, String type, String zoneId, Collection<AlarmStatus> open, Instant after);

    java.util.List<Alarm> findByDeviceIdAndTypeAndStatusIn(String deviceId, String type, Collection<AlarmStatus> statuses);
}
