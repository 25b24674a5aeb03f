package org.redwhistle.api.leads.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.push.Audience;
import org.redwhistle.api.push.Destinations;
import org.redwhistle.api.push.PushHub;
import org.redwhistle.api.security.Role;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Alerts of leads and rewards on /user/queue/alerts, pushed once the step that caused them is committed
 * (never for a step rolled back): the member whose lead was judged or whose reward was paid, the police
 * leaders of the lead's area when a reward awaits their approval.
 */
@Component
public class LeadAlerts {

    /** What one audience is told. */
    record Alert(Audience audience, Map<String, Object> alert) {
    }

    private final PushHub push;
    private final ApplicationEventPublisher events;
    private final UserAccountRepository users;

    LeadAlerts(PushHub push, ApplicationEventPublisher events, UserAccountRepository users) {
        this.push = push;
        this.events = events;
        this.users = users;
    }

    /** Tells a user (by name) once the transaction commits. */
    public void toUser(String username, String kind, String title, String text, Instant at, Map<String, Object> ids) {
        events.publishEvent(new Alert(Audience.username(username), alert(kind, title, text, at, ids)));
    }

    /** Tells the police leaders whose area is on {@code areaPath}. */
    public void toPoliceLeaders(List<Long> areaPath, String kind, String title, String text, Instant at, Map<String, Object> ids) {
        for (Long area : areaPath) {
            for (UserAccount u : users.findByAreaIdAndRoleAndEnabledTrue(area, Role.POLICE_LEADER)) {
                events.publishEvent(new Alert(Audience.user(u.getId()), alert(kind, title, text, at, ids)));
            }
        }
    }

    private static Map<String, Object> alert(String kind, String title, String text, Instant at, Map<String, Object> ids) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("kind", kind);
        a.put("title", title);
        a.put("text", text);
        a.put("at", at.toString());
        a.putAll(ids);
        return a;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void send(Alert a) {
        push.publish(Destinations.ALERTS, a.alert(), a.audience());
    }
}
