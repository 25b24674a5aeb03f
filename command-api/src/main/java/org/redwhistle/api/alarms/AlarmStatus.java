package org.redwhistle.api.alarms;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * An alarm's life: new → acknowledged → dispatched → on scene → resolved, or false alarm. Each
 * status knows where it may go next; statements that move an alarm take their {@code from} set
 * from here, so the rules are written once.
 */
public enum AlarmStatus {
    NEW("新告警"),
    ACKNOWLEDGED("已确认"),
    DISPATCHED("已派警"),
    ON_SCENE("已到场"),
    RESOLVED("已处置"),
    FALSE_ALARM("误报");

    /** The statuses in which an alarm is still being handled. */
    public static final Set<AlarmStatus> OPEN = EnumSet.of(NEW, ACKNOWLEDGED, DISPATCHED, ON_SCENE);

    private final String label;

    AlarmStatus(String label) {
        this.label = label;
    }

    /** The status in words, as operators read it. */
    public String label() {
        return label;
    }

    public boolean isOpen() {
        return OPEN.contains(this);
    }

    /** Where an alarm in this status may go: a dispatched alarm may be dispatched again (more members). */
    public Set<AlarmStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ACKNOWLEDGED, DISPATCHED, RESOLVED, FALSE_ALARM);
            case ACKNOWLEDGED -> EnumSet.of(DISPATCHED, RESOLVED, FALSE_ALARM);
            case DISPATCHED -> EnumSet.of(DISPATCHED, ON_SCENE, RESOLVED, FALSE_ALARM);
            case ON_SCENE -> EnumSet.of(RESOLVED, FALSE_ALARM);
            case RESOLVED, FALSE_ALARM -> EnumSet.noneOf(AlarmStatus.class);
        };
    }

    /** The statuses from which an alarm may move to {@code to}. */
    public static Set<AlarmStatus> leadingTo(AlarmStatus to) {
        Set<AlarmStatus> from = EnumSet.noneOf(AlarmStatus.class);
        for (AlarmStatus s : values()) {
            if (s.next().contains(to)) {
                from.add(s);
            }
        }
        return from;
    }

    /** The names of {@code statuses}, for a statement's {@code status = any(?)}. */
    public static String[] names(Set<AlarmStatus> statuses) {
        return statuses.stream().map(Enum::name).toArray(String[]::new);
    }

    /** {@code 'A', 'B'} for a statement written as text (constant statements built once). */
    public static String sqlList(Set<AlarmStatus> statuses) {
        return String.join(", ", Arrays.stream(names(statuses)).map(n -> "'" + n + "'").toList());
    }
}
