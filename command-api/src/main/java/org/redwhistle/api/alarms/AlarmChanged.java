package org.redwhistle.api.alarms;

/**
 * Published after an alarm was raised or changed and committed. {@code repeated}: the same thing
 * happened again (the open alarm's count went up) rather than someone acting on it.
 */
public record AlarmChanged(AlarmView alarm, boolean created, boolean repeated) {

    public AlarmChanged(AlarmView alarm, boolean created) {
        this(alarm, created, false);
    }
}
