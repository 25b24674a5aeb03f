package org.redwhistle.api.mediation.internal;

import java.util.Map;

import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A mediation alert (a dispute opened, escalated or overdue) pushed to a user's /user/queue/alerts once the step
 * that caused it is committed: never for a step rolled back, never before its data can be read.
 */
@Component
class MediationAlerts {

    /** What one account is told. */
    record Alert(long userId, Map<String, Object> alert) {
    }

    private final PushHub push;

    MediationAlerts(PushHub push) {
        this.push = push;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void send(Alert a) {
        push.publish(Destinations.ALERTS, a.alert(), Audience.user(a.userId()));
    }
}
