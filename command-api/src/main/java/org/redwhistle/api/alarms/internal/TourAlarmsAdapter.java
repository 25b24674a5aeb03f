package org.redwhistle.api.alarms.internal;

import java.time.Instant;

import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.api.tours.TourAlarms;
import org.springframework.stereotype.Component;

/** A guard-tour round with missed or late checkpoints as a MEDIUM {@code tour.missed} or {@code tour.late} rule alarm. */
@Component
class TourAlarmsAdapter implements TourAlarms {

    private final AlarmService alarms;

    TourAlarmsAdapter(AlarmService alarms) {
        this.alarms = alarms;
    }

    @Override
    public long raiseRoundAlarm(Kind kind, String title, String tourCode, double lon, double lat, Instant due, String reason) {
        String type = switch (kind) {
            case MISSED -> "tour.missed";
            case LATE -> "tour.late";
        };
        return alarms.raiseRule(type, AlarmSeverity.MEDIUM, title, tourCode, lon, lat, due, reason).id();
    }
}
