package org.redwhistle.api.cases;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * 逾期, written once: the case list's {@code overdue} filter, each case's {@code overdue} flag and the
 * statistics' {@code overdue} count all read it here ({@link #sql} in a statement, {@link #at} in Java).
 * A case is overdue at a moment when it is
 * <ul>
 * <li>open and past the deadline in force: the accept deadline while it waits to be taken (DISPATCHED),
 * the resolve deadline until it is handled (DISPATCHED, TAKEN, ASSIGNED, also when sent back for
 * rework); or</li>
 * <li>handled late (逾期办结): HANDLED or CLOSED, its last report after its resolve deadline. It stays
 * overdue for good, so a period's count does not shrink when late cases are closed.</li>
 * </ul>
 * Withdrawn, rejected and merged cases never are. Times are compared strictly: a report at the
 * deadline's last millisecond is in time.
 */
public final class Overdue {

    /** Not yet handled: the resolve deadline is in force. */
    private static final Set<CaseStatus> RESOLVING = statuses(CaseStatus::awaitsResolution);
    /** Waiting to be taken: the accept deadline is in force as well. */
    private static final Set<CaseStatus> TAKING = statuses(CaseStatus::awaitsTaking);
    /** Reported by the unit: late if the report came after the resolve deadline. */
    private static final Set<CaseStatus> REPORTED = EnumSet.of(CaseStatus.HANDLED, CaseStatus.CLOSED);

    private Overdue() {
    }

    /**
     * The rule as an SQL predicate over the {@code case_file} columns of {@code alias}, never null,
     * true when overdue at the named parameter {@code :now} (a timestamptz).
     */
    public static String sql(String alias) {
        String c = alias + ".";
        return ("coalesce((%1$sstatus in (%2$s) and %1$sresolve_due < :now) or (%1$sstatus in (%3$s) and %1$saccept_due < :now)"
                + " or (%1$sstatus in (%4$s) and coalesce(%1$shandled_at, %1$sclosed_at) > %1$sresolve_due), false)")
                .formatted(c, CaseStatus.sqlList(RESOLVING), CaseStatus.sqlList(TAKING), CaseStatus.sqlList(REPORTED));
    }

    /** The rule in Java, for one case at {@code now}; {@code handledAt} is its last report, {@code closedAt} when it ended. */
    public static boolean at(Instant now, CaseStatus status, Instant acceptDue, Instant resolveDue, Instant handledAt, Instant closedAt) {
        if (RESOLVING.contains(status) && now.isAfter(resolveDue) || TAKING.contains(status) && now.isAfter(acceptDue)) {
            return true;
        }
        Instant reported = handledAt != null ? handledAt : closedAt;
        return REPORTED.contains(status) && reported != null && reported.isAfter(resolveDue);
    }

    private static Set<CaseStatus> statuses(java.util.function.Predicate<CaseStatus> which) {
        return Arrays.stream(CaseStatus.values()).filter(which).collect(Collectors.toCollection(() -> EnumSet.noneOf(CaseStatus.class)));
    }
}
