package org.redwhistle.api.allianceduty.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.Members.MemberView;
import org.springframework.stereotype.Component;

/**
 * How far a caller of the duty routes reaches: ADMIN everything, the police station (and the command center and
 * leaders, reading) their area, a PATROL member only their own (served by the {@code …/mine} routes). What lies
 * outside is "not found", as elsewhere.
 */
@Component
class DutyAccess {

    private final Members members;
    private final AreaScope areas;
    private final Clock clock;

    DutyAccess(Members members, AreaScope areas, Clock clock) {
        this.members = members;
        this.areas = areas;
        this.clock = clock;
    }

    /** The area a list is scoped to: null for everything; an OWN caller is served by the …/mine routes only. */
    Long scope(Caller c) {
        if (c.is(Scope.ALL)) {
            return null;
        }
        if (c.is(Scope.AREA) && c.user().areaId() != null) {
            return c.user().areaId();
        }
        throw ApiException.forbidden("您只能查看本人的装备、培训和排班（…/mine）");
    }

    /** A member the caller may see: inside their area (or themselves, for an OWN caller); 404 otherwise. */
    MemberView member(Caller c, long id) {
        Optional<MemberView> m = members.byId(id);
        boolean visible = m.isPresent() && (c.is(Scope.OWN) ? m.get().username() != null && m.get().username().equals(c.user().username())
                : c.is(Scope.ALL) || (c.is(Scope.AREA) && areas.isInside(c.user(), m.get().areaId())));
        if (!visible) {
            throw ApiException.notFound("member " + id);
        }
        return m.get();
    }

    /** An area the caller acts in ({@code requested}, default their own): 404 outside theirs. */
    long area(Caller c, Long requested, String field) {
        Long id = requested != null ? requested : c.user().areaId();
        if (id == null) {
            throw ApiException.badField(field, "required");
        }
        if (!c.is(Scope.ALL) && !areas.isInside(c.user(), id)) {
            throw ApiException.notFound("area " + id);
        }
        return id;
    }

    /** Whether the caller reaches something located in this area. */
    boolean reaches(Caller c, long areaId) {
        return c.is(Scope.ALL) || (c.is(Scope.AREA) && areas.isInside(c.user(), areaId));
    }

    /** The caller's own responder row, if they are one. */
    Optional<MemberView> me(Caller c) {
        return members.byUser(c.user().id());
    }

    /** Today in Asia/Shanghai by the application's clock. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), WorkingCalendar.CHINA);
    }

    /** A day from the request (YYYY-MM-DD), or {@code fallback} when absent. */
    static LocalDate day(String field, String raw, LocalDate fallback) {
        if (raw == null || raw.isBlank()) {
            if (fallback == null) {
                throw ApiException.badField(field, "required (YYYY-MM-DD)");
            }
            return fallback;
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.badField(field, "a day as YYYY-MM-DD, not " + raw);
        }
    }
}
