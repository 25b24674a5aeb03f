package org.redwhistle.api.alarms.internal;

import java.util.List;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.errors.ApiException;
import org.springframework.stereotype.Component;

/**
 * Which alarm a caller reaches: the command center the alarms of its area; a responder (scope OWN)
 * those dispatched to them, and to act on one, one they accepted. Anything else is 404, as if it
 * did not exist. So is an alarm of a type the caller's role may not see ({@link AlarmAudience}).
 */
@Component
class AlarmAccess {

    /** Dispatch states in which an alarm is a responder's own: any offer to see it, an accepted one to act on it. */
    private static final List<String> ANY_DISPATCH = List.of("OFFERED", "ACCEPTED", "DECLINED", "ARRIVED");
    private static final List<String> ON_IT = List.of("ACCEPTED", "ARRIVED");

    private final AlarmQueries queries;

    AlarmAccess(AlarmQueries queries) {
        this.queries = queries;
    }

    AlarmView visible(Caller caller, long id) {
        AlarmView a = queries.find(id).orElseThrow(() -> ApiException.notFound("alarm " + id));
        boolean reached = switch (caller.scope()) {
            case ALL, AREA -> caller.user().covers(a.areaPath());
            case OWN -> queries.dispatchedTo(caller.user().id(), id,
                    caller.permission() == Permission.ALARMS_READ || caller.permission() == Permission.ALARMS_ANSWER ? ANY_DISPATCH : ON_IT);
            case SHARED -> throw caller.unsupportedScope();
        };
        if (!reached || !AlarmAudience.admits(caller.user().role(), a.type())) {
            throw ApiException.notFound("alarm " + id);
        }
        return a;
    }
}
