package org.redwhistle.api.faces.internal;

import java.time.Instant;

/**
 * A person passing a face gate as the gate reported it: {@code direction} in or out, {@code match} watchlist
 * (with the {@code personId} it matched, and the watchlist's alias and reason when the caller's area has the
 * entry), stranger or known, with the edge's {@code confidence}; the crossing's snapshot when it arrived
 * ({@code thumbnailUrl}, {@code imageUrl}; served only to the police), and the alarm it raised, if any.
 */
public record FacePassage(String deviceId, String deviceName, String msgId, Instant at, String direction, String directionLabel,
        String match, String matchLabel, String personId, String alias, String reason, Double confidence, Long snapshotId,
        String thumbnailUrl, String imageUrl, Long alarmId) {

    static String directionLabel(String direction) {
        return switch (direction == null ? "" : direction) {
            case "in" -> "进";
            case "out" -> "出";
            default -> "未知";
        };
    }

    static String matchLabel(String match) {
        return switch (match == null ? "" : match) {
            case "watchlist" -> "布控人员";
            case "stranger" -> "陌生人";
            case "known" -> "已登记人员";
            default -> "未知";
        };
    }
}
