package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmStatus;
import java.util.Collection;

import org.springframework.data.jpa.repository.JpaRepository;

/** Alarms. */
public interface AlarmRepository extends JpaRepository<Alarm, Long> {

    java.util.List<Alarm> findByDeviceIdAndTypeAndStatusIn(String deviceId, String type, Collection<AlarmStatus> statuses);
}
