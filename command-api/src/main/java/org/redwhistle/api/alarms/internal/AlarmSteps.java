package org.redwhistle.api.alarms.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.alarms.AlarmView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What happens after an alarm was raised or changed and committed, in this order, here and
 * nowhere else:
 * <ol>
 * <li><b>notify</b>: the operators' board ({@code /topic/alarms}) — first, the operators must see it;</li>
 * <li><b>auto-dispatch</b>: a new alarm of a severity in the auto-dispatch policy goes to the
 * nearest patrol members at once — the phones are the next most urgent;</li>
 * <li><b>verify</b>: the cameras covering the place are asked for snapshots (their answers come later
 * and are reported here again as changes);</li>
 * <li>then {@link AlarmChanged} is published for other features.</li>
 * </ol>
 * Arrival on scene ({@link ArrivalDetector}) and re-alerting ({@link Realert}) are changes like any
 * other. A step that changes the alarm again (auto-dispatch, a verification that concludes at once)
 * reports it here too; that change is queued and goes through the steps after the current one
 * has finished, so no step runs inside another and every change is seen in the order it happened.
 */
@Component
class AlarmSteps {

    private static final Logger log = LoggerFactory.getLogger(AlarmSteps.class);

    private final OperatorBoard board;
    private final AutoDispatch autoDispatch;
    private final VerificationRequests verification;
    private final ApplicationEventPublisher events;
    private final ThreadLocal<Deque<AlarmChanged>> queued = ThreadLocal.withInitial(ArrayDeque::new);
    private final ThreadLocal<Boolean> running = ThreadLocal.withInitial(() -> false);

    AlarmSteps(OperatorBoard board, AutoDispatch autoDispatch, VerificationRequests verification, ApplicationEventPublisher events) {
        this.board = board;
        this.autoDispatch = autoDispatch;
        this.verification = verification;
        this.events = events;
    }

    /** An alarm someone acted on (or the system changed). */
    void changed(AlarmView alarm) {
        changed(new AlarmChanged(alarm, false));
    }

    void changed(AlarmChanged change) {
        queued.get().add(change);
        if (running.get()) {
            return;
        }
        running.set(true);
        try {
            AlarmChanged next;
            while ((next = queued.get().poll()) != null) {
                run(next);
            }
        } finally {
            running.set(false);
        }
    }

    private void run(AlarmChanged change) {
        board.show(change);
        if (change.created()) {
            step("auto-dispatch", change, () -> autoDispatch.raised(change.alarm()).ifPresent(this::changed));
        }
        step("verify", change, () -> verification.consider(change).ifPresent(this::changed));
        events.publishEvent(change);
    }

    /** A failing step is logged and the next one still runs: the operators have seen the alarm already. */
    private static void step(String name, AlarmChanged change, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            log.error("alarm {}: step {} failed: {}", change.alarm().id(), name, e.toString());
        }
    }
}
