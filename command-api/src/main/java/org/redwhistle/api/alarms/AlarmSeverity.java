package org.redwhistle.api.alarms;

/** How urgent an alarm is; the board sorts by it. */
public enum AlarmSeverity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
