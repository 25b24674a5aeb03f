package org.redwhistle.api.alarms.internal;

import java.time.Instant;

import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.members.SosAlarms;
import org.springframework.stereotype.Component;

/** A member's SOS as a CRITICAL {@code patrol.sos} rule alarm. */
@Component
class SosAlarmsAdapter implements SosAlarms {

    private final AlarmService alarms;

    SosAlarmsAdapter(AlarmService alarms) {
        this.alarms = alarms;
    }

    @Override
    public long raiseSos(String title, String ref, double lon, double lat, Instant at, String reason) {
        return alarms.raiseRule("patrol.sos", AlarmSeverity.CRITICAL, title, ref, lon, lat, at, reason).id();
    }
}
