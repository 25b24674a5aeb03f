package org.redwhistle.api.alarms.internal;

import java.time.Duration;
import java.util.List;

import org.redwhistle.api.alarms.AlarmSeverity;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How alarms are raised and followed up.
 *
 * @param correlationWindow repeats of the same device, rule and zone inside this window update the open alarm instead of raising another
 * @param autoDispatch      severities dispatched to the proposal at once, without an operator (none by default)
 * @param arrivalRadius     metres: an accepting member this close to the alarm is on scene
 * @param ackTimeout        a new alarm nobody acknowledges within this is re-alerted with its severity one step up
 * @param realertCheck      how often the re-alert job looks (the job's own schedule reads {@code redwhistle.alarms.realert-check})
 */
@ConfigurationProperties("redwhistle.alarms")
public record AlarmProperties(
        @DefaultValue("5m") Duration correlationWindow,
        List<AlarmSeverity> autoDispatch,
        @DefaultValue("50") double arrivalRadius,
        @DefaultValue("5m") Duration ackTimeout,
        @DefaultValue("30s") Duration realertCheck) {

    public AlarmProperties {
        autoDispatch = autoDispatch == null ? List.of() : List.copyOf(autoDispatch);
    }
}
