package org.redwhistle.api.recordings;

/**
 * How a camera is recorded. {@code EVENTS} records all the time into a short rolling buffer (so that an
 * alarm has its pre-roll) and keeps only what lies near the camera's events and the alarms it covers.
 */
public enum RecordingMode {
    /** Everything, kept for the retention period. */
    CONTINUOUS,
    /** A rolling buffer; only footage near events and alarms is kept. */
    EVENTS,
    /** Not recorded. */
    OFF
}
