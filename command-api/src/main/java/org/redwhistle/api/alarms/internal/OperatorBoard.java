package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.springframework.stereotype.Component;

/**
 * The notify step: the alarm on {@code /topic/alarms} for the operators whose area holds it ({@link AlarmAudience}). Repeats
 * (a wall firing again and again) are conflated to one frame per interval; anything else goes out at once.
 */
@Component
class OperatorBoard {

    private final PushHub.Conflated alarms;

    OperatorBoard(PushHub push) {
        this.alarms = push.conflated(Destinations.ALARMS);
    }

    void show(AlarmChanged change) {
        alarms.changed(change.alarm().id(), change.alarm(), AlarmAudience.of(change.alarm()), change.repeated());
    }
}
