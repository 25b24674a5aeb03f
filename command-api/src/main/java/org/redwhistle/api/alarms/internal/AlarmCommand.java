package org.redwhistle.api.alarms.internal;

import java.util.List;
import java.util.Set;

import org.redwhistle.api.alarms.AlarmStatus;

/**
 * What a person does to an alarm. The steps that move the alarm name their target status; the
 * statuses they may start from follow from {@link AlarmStatus#leadingTo}. A dispatched member's
 * answer does not move the alarm, it moves the member's dispatch.
 */
sealed interface AlarmCommand {

    /** The action's name in the timeline, the audit and the route ({@code false-alarm}, …). */
    String action();

    /** What the person said; resolve, false alarm and to-case must say what was found. */
    String note();

    default boolean needsNote() {
        return false;
    }

    /** The status the alarm moves to; null when the command does not move the alarm. */
    AlarmStatus target();

    /** The statuses from which this command may be taken. */
    default Set<AlarmStatus> from() {
        return target() == null ? AlarmStatus.OPEN : AlarmStatus.leadingTo(target());
    }

    record Acknowledge(String note) implements AlarmCommand {
        public String action() {
            return "acknowledge";
        }

        public AlarmStatus target() {
            return AlarmStatus.ACKNOWLEDGED;
        }
    }

    /** {@code memberIds} empty: the proposal's. */
    record Dispatch(String note, List<Long> memberIds) implements AlarmCommand {
        public String action() {
            return "dispatch";
        }

        public AlarmStatus target() {
            return AlarmStatus.DISPATCHED;
        }
    }

    record Resolve(String note) implements AlarmCommand {
        public boolean needsNote() {
            return true;
        }

        public String action() {
            return "resolve";
        }

        public AlarmStatus target() {
            return AlarmStatus.RESOLVED;
        }
    }

    record FalseAlarm(String note) implements AlarmCommand {
        public boolean needsNote() {
            return true;
        }

        public String action() {
            return "false-alarm";
        }

        public AlarmStatus target() {
            return AlarmStatus.FALSE_ALARM;
        }
    }

    /** What the command center cannot close on the spot becomes a case; the alarm is resolved with its reference. */
    record ToCase(String note) implements AlarmCommand {
        public boolean needsNote() {
            return true;
        }

        public String action() {
            return "to-case";
        }

        public AlarmStatus target() {
            return AlarmStatus.RESOLVED;
        }
    }

    /** A dispatched member accepts or declines the offer; {@code note}: why they decline (optional). */
    record Answer(boolean accept, String note) implements AlarmCommand {

        public String action() {
            return accept ? "accept" : "decline";
        }

        public AlarmStatus target() {
            return null;
        }
    }
}
