package org.redwhistle.api.compact.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** A household's members alerted (/user/queue/alerts) of a penalty, a dismissal, a restoration or an appeal's end, once it is committed. */
@Component
public class HouseholdAlerts {

    /** What the members' accounts are told. */
    public record Alert(List<Long> accounts, Map<String, Object> alert) {
    }

    private final PushHub push;

    public HouseholdAlerts(PushHub push) {
        this.push = push;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void send(Alert a) {
        for (long account : a.accounts()) {
            push.publish(Destinations.ALERTS, a.alert(), Audience.user(account));
        }
    }
}
