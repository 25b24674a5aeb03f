package org.redwhistle.api.allianceduty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Training (岗前培训 and others): courses as data, sessions held, each member's attendance and result. A pass of
 * a course holds for its validity in months from the session's day; the required courses are what
 * {@link org.redwhistle.api.members.DutyGate} asks of a PATROL member. Every change is audited under {@code by}.
 */
public interface Training {

    /** A session of a course (a code, e.g. PRE_DUTY) held in an area on a day, where and by whom. */
    record NewSession(String course, long areaId, LocalDate heldOn, String place, String trainer, String note) {
    }

    long holdSession(NewSession session, String by, Instant at);

    /** The session of a course held in an area on a day at a place, if one was recorded. */
    Optional<Long> session(String course, long areaId, LocalDate heldOn, String place);

    /** The member's attendance and result at the session (recorded again: the new result replaces the old). */
    void record(long sessionId, long memberId, TrainingResult result, String note, String by, Instant at);

    /** Why the member may not go on duty on {@code day} for want of a required course (empty: they may), in Chinese. */
    Optional<String> missing(long memberId, LocalDate day);
}
