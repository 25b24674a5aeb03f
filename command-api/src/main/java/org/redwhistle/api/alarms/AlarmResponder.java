package org.redwhistle.api.alarms;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A member sent to an alarm and where they are with it, as the dashboard shows it: who (name, role,
 * affiliation), the stored answer ({@code status}: OFFERED, ACCEPTED, DECLINED, ARRIVED) and the
 * state in words ({@code stateLabel}: 已派出, 已接受, 已拒绝（reason）, 已到达, or 已处置 once the alarm
 * they accepted was resolved, at {@code resolvedAt}).
 */
public record AlarmResponder(long memberId, String name, String role, String roleLabel, String affiliation, String status,
        String stateLabel, Float distanceM, Instant offeredAt, Instant answeredAt, Instant arrivedAt, Instant resolvedAt,
        String declineReason) {

    /** The role in words (the members feature's roles). */
    public static String roleLabel(String role) {
        return switch (role) {
            case "PATROL" -> "平安联盟";
            case "POLICE" -> "民警";
            case "GRID_WORKER" -> "网格员";
            default -> role;
        };
    }

    /** The state in words: resolved wins over the stored answer of a member who was on it. */
    public static String stateLabel(String status, Instant resolvedAt, String declineReason) {
        if (resolvedAt != null) {
            return "已处置";
        }
        return switch (status) {
            case "OFFERED" -> "已派出";
            case "ACCEPTED" -> "已接受";
            case "DECLINED" -> declineReason == null || declineReason.isBlank() ? "已拒绝" : "已拒绝（" + declineReason + "）";
            case "ARRIVED" -> "已到达";
            default -> status;
        };
    }

    /**
     * How a dispatch note names the member: the name, with the role and affiliation the name does not
     * say already ("社区民警 吴（广文街道派出所）", "平安联盟 孙（物业保安）").
     */
    public static String described(String name, String role, String affiliation) {
        List<String> more = Stream.of(roleLabel(role), affiliation).filter(p -> p != null && !p.isBlank() && !name.contains(p)).toList();
        return more.isEmpty() ? name : name + "（" + String.join("，", more) + "）";
    }
}
