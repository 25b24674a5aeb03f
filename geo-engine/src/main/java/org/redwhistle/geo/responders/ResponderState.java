package org.redwhistle.geo.responders;

/** Off duty, or on duty and either available for a dispatch or busy with one. */
public enum ResponderState {
    OFF_DUTY,
    AVAILABLE,
    BUSY;

    public boolean onDuty() {
        return this != OFF_DUTY;
    }
}
