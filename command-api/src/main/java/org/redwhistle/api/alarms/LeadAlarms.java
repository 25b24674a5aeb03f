package org.redwhistle.api.alarms;

import java.time.Instant;

import org.redwhistle.api.alarms.internal.AlarmService;
import org.springframework.stereotype.Component;

/**
 * An alarm raised from outside the devices: a lead (线索) the police judge to need a response now becomes a
 * HIGH {@code lead.report} alarm at the lead's place, on the command center's board like any other, with
 * the lead as its reference ({@code lead:<id>}).
 */
@Component
public class LeadAlarms {

    private final AlarmService alarms;

    public LeadAlarms(AlarmService alarms) {
        this.alarms = alarms;
    }

    /** Raises the alarm and returns its id; {@code reason} (who and why) goes into the alarm's history. */
    public long raise(long leadId, String title, double lon, double lat, Instant at, String reason) {
        return alarms.raiseRule("lead.report", AlarmSeverity.HIGH, title, "lead:" + leadId, lon, lat, at, reason).id();
    }
}
