package org.redwhistle.api.cases;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a case stands (DOMAIN.md): dispatched to a unit (派单) → taken (接单) → assigned to a grid
 * worker or departments → handled (reported) → closed by the resident's evaluation (or by itself when
 * nobody evaluates it in time), or back to assigned for rework. A case can also end without the
 * workflow: withdrawn by its resident before it was taken, rejected by the holding unit as out of
 * scope, or merged into an open case it duplicates. The moves between them are {@link CaseAction}'s
 * table; the open and terminal sets are written here once, and SQL reads them through {@link #sqlList}.
 */
public enum CaseStatus {
    DISPATCHED("已派单"),
    TAKEN("已接单"),
    ASSIGNED("处置中"),
    HANDLED("已处置，待评价"),
    CLOSED("已办结"),
    WITHDRAWN("已撤回"),
    REJECTED("不予受理"),
    MERGED("已合并");

    private final String label;

    CaseStatus(String label) {
        this.label = label;
    }

    /** How residents and Open311 clients read the state (zh-CN). */
    public String label() {
        return label;
    }

    /** Not closed: deadlines still run, supervision still watches it. */
    public boolean isOpen() {
        return this == DISPATCHED || this == TAKEN || this == ASSIGNED || this == HANDLED;
    }

    /** Waiting for its unit to take it: the accept deadline applies. */
    public boolean awaitsTaking() {
        return this == DISPATCHED;
    }

    /** Being worked on: open and not yet reported, so the resolve deadline is supervised. */
    public boolean awaitsResolution() {
        return isOpen() && this != HANDLED;
    }

    /** The actions allowed from here. */
    public Set<CaseAction> actions() {
        return Arrays.stream(CaseAction.values()).filter(a -> a.allowedFrom(this))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(CaseAction.class)));
    }

    /** Whether some action moves a case from here to {@code next} (an action may also keep the status). */
    public boolean canMoveTo(CaseStatus next) {
        return actions().stream().anyMatch(a -> a.leadsTo(this, next));
    }

    public static Set<CaseStatus> open() {
        return Arrays.stream(values()).filter(CaseStatus::isOpen).collect(Collectors.toCollection(() -> EnumSet.noneOf(CaseStatus.class)));
    }

    public static Set<CaseStatus> terminal() {
        return EnumSet.complementOf(EnumSet.copyOf(open()));
    }

    /** An SQL list of the statuses, for {@code status in (…)}: {@code 'DISPATCHED', 'TAKEN'}. */
    public static String sqlList(Set<CaseStatus> statuses) {
        return statuses.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    /** The names, for error messages: {@code DISPATCHED, TAKEN, …}. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
