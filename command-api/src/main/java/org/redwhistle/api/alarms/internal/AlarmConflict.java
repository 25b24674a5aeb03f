package org.redwhistle.api.alarms.internal;

import java.util.List;
import java.util.Set;

import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/** The one place an illegal step on an alarm becomes a 409 naming its status and what the step needs. */
final class AlarmConflict {

    private AlarmConflict() {
    }

    static ApiException of(long alarmId, String action, AlarmStatus now, Set<AlarmStatus> needs) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now",
                "the alarm is " + now + "; " + action + " needs " + needs.stream().sorted().toList(),
                List.of(new ApiException.FieldError("status", now.name())));
    }

    /** A step on a member's dispatch (accept, decline) without an open offer to them. */
    static ApiException noOffer() {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", "no open dispatch of this alarm to you", List.of());
    }
}
