package org.redwhistle.api.alliance;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a membership of the 平安联盟 stands, and where it may go: an application is vetted by the police of
 * its area (在册 or 未通过); a member may be suspended (with a reason) and reinstated; a member or a
 * suspended member leaves; someone refused or gone may apply again.
 */
public enum MembershipStatus {
    APPLIED("待审核"),
    ACTIVE("在册"),
    REJECTED("未通过"),
    SUSPENDED("暂停"),
    LEFT("已退出");

    private final String label;

    MembershipStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The statuses this one may change to. */
    public Set<MembershipStatus> next() {
        return switch (this) {
            case APPLIED -> EnumSet.of(ACTIVE, REJECTED);
            case ACTIVE -> EnumSet.of(SUSPENDED, LEFT);
            case SUSPENDED -> EnumSet.of(ACTIVE, LEFT);
            case REJECTED, LEFT -> EnumSet.of(APPLIED);
        };
    }

    public boolean canBecome(MembershipStatus to) {
        return next().contains(to);
    }

    /** The status a cell or a filter names, by its code or its Chinese label (暂停 and 已暂停 both). */
    public static Optional<MembershipStatus> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        String v = s.strip();
        if (v.equals("已暂停")) {
            return Optional.of(SUSPENDED);
        }
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(v) || t.label.equals(v)).findFirst();
    }
}
