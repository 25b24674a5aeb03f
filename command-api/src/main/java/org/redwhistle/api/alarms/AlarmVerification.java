package org.redwhistle.api.alarms;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the cameras covering an alarm's place said (only for the verified alarm types): asked and
 * waiting, a person seen, nobody seen (or no answer in time), or no online camera to ask.
 */
public enum AlarmVerification {
    PENDING("视频核实中"),
    VERIFIED("视频核实有人，告警升级"),
    UNVERIFIED("视频未核实"),
    NO_CAMERA("无可用摄像机核实");

    /** Verifications a repeat of the alarm may start again (the climber may be in view now). */
    public static final Set<AlarmVerification> ASK_AGAIN = EnumSet.of(UNVERIFIED, NO_CAMERA);
    /** Verifications a person seen on a snapshot still turns into VERIFIED. */
    public static final Set<AlarmVerification> OPEN_TO_A_SIGHTING = EnumSet.of(PENDING, UNVERIFIED);

    private final String label;

    AlarmVerification(String label) {
        this.label = label;
    }

    /** The verdict in words, as the alarm's timeline says it. */
    public String label() {
        return label;
    }
}
