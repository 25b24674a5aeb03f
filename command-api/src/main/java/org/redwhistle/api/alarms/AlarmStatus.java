package org.redwhistle.api.alarms;

/** An alarm's life: new → acknowledged → dispatched → on scene → resolved, or false alarm. */
public enum AlarmStatus {
    NEW,
    ACKNOWLEDGED,
    DISPATCHED,
    ON_SCENE,
    RESOLVED,
    FALSE_ALARM;

    public boolean isOpen() {
        return this != RESOLVED && this != FALSE_ALARM;
    }
}
