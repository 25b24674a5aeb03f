package org.redwhistle.api.cases;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The workflow actions and their transition table: the statuses each is allowed from and the
 * statuses it leads to. Every refusal of a move the table does not allow is a 409 built by
 * {@link #notAllowedNow}, and nowhere else.
 */
public enum CaseAction {
    /** 接单: the unit holding the case takes it. */
    TAKE(EnumSet.of(CaseStatus.DISPATCHED), EnumSet.of(CaseStatus.TAKEN)),
    /**
     * A grid worker; or, by the district center, the departments that must report (多部门联办), which puts
     * the case at the departments' level; again after a department sent it back.
     */
    ASSIGN(EnumSet.of(CaseStatus.TAKEN, CaseStatus.ASSIGNED), EnumSet.of(CaseStatus.ASSIGNED)),
    /** Up the type's chain: the next unit gets it dispatched. */
    ESCALATE(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.TAKEN, CaseStatus.ASSIGNED), EnumSet.of(CaseStatus.DISPATCHED)),
    /** 复杂疑难: changes the resolve deadline, keeps the status. */
    COMPLEX(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.TAKEN, CaseStatus.ASSIGNED), EnumSet.noneOf(CaseStatus.class)),
    /** What was done; at the departments' level each department for itself, handled once every department holding it reported. */
    REPORT(EnumSet.of(CaseStatus.ASSIGNED), EnumSet.of(CaseStatus.HANDLED, CaseStatus.ASSIGNED)),
    /** 群众评事: closed, or back to the assignee for rework. */
    EVALUATE(EnumSet.of(CaseStatus.HANDLED), EnumSet.of(CaseStatus.CLOSED, CaseStatus.ASSIGNED)),
    /** 撤回: the resident takes back a request nobody has taken yet. */
    WITHDRAW(EnumSet.of(CaseStatus.DISPATCHED), EnumSet.of(CaseStatus.WITHDRAWN)),
    /** 不予受理: the holding unit declines a request out of its scope, with the reason the resident reads. */
    REJECT(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.TAKEN, CaseStatus.ASSIGNED), EnumSet.of(CaseStatus.REJECTED)),
    /** 合并: the holding unit ends a duplicate in favour of an open case it repeats; the resident follows that one. */
    MERGE(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.TAKEN, CaseStatus.ASSIGNED), EnumSet.of(CaseStatus.MERGED)),
    /** 催办: the resident presses the unit once a deadline in force has passed; keeps the status. */
    REMIND(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.TAKEN, CaseStatus.ASSIGNED), EnumSet.noneOf(CaseStatus.class)),
    /** 退回: a department holding the case sends back a wrong assignment; the district center holds it again when none is left. */
    SEND_BACK(EnumSet.of(CaseStatus.ASSIGNED), EnumSet.of(CaseStatus.ASSIGNED, CaseStatus.TAKEN, CaseStatus.HANDLED)),
    /** 批示: a leader writes an instruction on an open case, pushed to the unit holding it; keeps the status. */
    INSTRUCT(EnumSet.of(CaseStatus.DISPATCHED, CaseStatus.TAKEN, CaseStatus.ASSIGNED, CaseStatus.HANDLED), EnumSet.noneOf(CaseStatus.class)),
    /** The system closes a case nobody evaluated within the evaluation window (逾期未评价，系统自动办结). */
    AUTO_CLOSE(EnumSet.of(CaseStatus.HANDLED), EnumSet.of(CaseStatus.CLOSED));

    private final Set<CaseStatus> from;
    private final Set<CaseStatus> to;

    CaseAction(Set<CaseStatus> from, Set<CaseStatus> to) {
        this.from = from;
        this.to = to;
    }

    /** The action's name in routes, the timeline and the audit log: {@code take}, {@code assign}, {@code auto-close}, … */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean allowedFrom(CaseStatus status) {
        return from.contains(status);
    }

    /** Whether this action, taken at {@code from}, may leave the case at {@code next}. */
    public boolean leadsTo(CaseStatus from, CaseStatus next) {
        return allowedFrom(from) && (to.isEmpty() ? next == from : to.contains(next));
    }

    /** 409 unless the table allows this action at {@code status}. */
    public void requireAllowedFrom(CaseStatus status) {
        if (!allowedFrom(status)) {
            throw notAllowedNow("the case is " + status + "; this action needs "
                    + from.stream().map(Enum::name).collect(Collectors.joining(" or ")), List.of(new ApiException.FieldError("status", status.name())));
        }
    }

    /** The one 409 of the workflow: the case cannot make this move now. */
    public static ApiException notAllowedNow(String detail, List<ApiException.FieldError> errors) {
        return new ApiException(HttpStatus.CONFLICT, "Not allowed now", detail, errors);
    }

    public static String names() {
        return Arrays.stream(values()).map(CaseAction::wire).collect(Collectors.joining(", "));
    }
}
