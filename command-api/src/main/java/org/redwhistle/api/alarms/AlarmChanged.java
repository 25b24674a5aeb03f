package org.redwhistle.api.alarms;

/** Published after an alarm was raised or changed and committed. */
public record AlarmChanged(AlarmView alarm, boolean created) {
}
