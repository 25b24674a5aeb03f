package org.redwhistle.api.alarms.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The auto-dispatch step: alarms of the severities in {@code redwhistle.alarms.auto-dispatch} (none
 * by default) go to their proposal at once, on the system's behalf, when they are raised and when
 * camera verification raises their severity, if nobody was sent yet.
 */
@Component
class AutoDispatch {

    private static final Logger log = LoggerFactory.getLogger(AutoDispatch.class);
    private static final CurrentUser SYSTEM = new CurrentUser(0, AuditLog.SYSTEM, Role.ADMIN, null);

    private final Dispatcher dispatcher;
    private final AlarmQueries queries;
    private final AlarmProperties props;

    AutoDispatch(Dispatcher dispatcher, AlarmQueries queries, AlarmProperties props) {
        this.dispatcher = dispatcher;
        this.queries = queries;
        this.props = props;
    }

    /** A new alarm; the alarm as dispatched, if it was. */
    Optional<AlarmView> raised(AlarmView a) {
        return dispatch(a, "自动派警（" + a.severity() + "）");
    }

    /** The cameras saw someone and the severity went up; the alarm as dispatched, if it was. */
    Optional<AlarmView> verified(AlarmView a) {
        return dispatch(a, "核实后自动派警（" + a.severity() + "）");
    }

    private Optional<AlarmView> dispatch(AlarmView a, String note) {
        if (!props.autoDispatch().contains(a.severity()) || !(a.status() == AlarmStatus.NEW || a.status() == AlarmStatus.ACKNOWLEDGED)) {
            return Optional.empty();
        }
        try {
            dispatcher.dispatch(a, SYSTEM, note, List.of(), Instant.now());
            return queries.find(a.id());
        } catch (ApiException e) {
            log.warn("auto-dispatch of alarm {} did not happen: {}", a.id(), e.getMessage());
            return Optional.empty();
        }
    }
}
