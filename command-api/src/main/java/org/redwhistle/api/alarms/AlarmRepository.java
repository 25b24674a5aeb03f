package org.redwhistle.api.alarms;

import java.util.Collection;

import org.springframework.data.jpa.repository.JpaRepository;

/** Alarms. */
public interface AlarmRepository extends JpaRepository<Alarm, Long> {

    java.util.List<Alarm> findByDeviceIdAndTypeAndStatusIn(String deviceId, String type, Collection<AlarmStatus> statuses);
}
