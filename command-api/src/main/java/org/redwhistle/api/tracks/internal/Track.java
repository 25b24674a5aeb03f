package org.redwhistle.api.tracks.internal;

import java.util.List;

/**
 * A GeoJSON Feature: LineString geometry; per-point times (epoch ms) and speeds in properties.
 *
 * @param type always {@code Feature}
 */
public record Track(String type, LineString geometry, Properties properties) {

    /** An RFC 7946 LineString of [lon, lat] positions. */
    public record LineString(String type, List<List<Double>> coordinates) {
    }

    /**
     * What the track was made of and, point by point in step with the coordinates, when, how fast
     * (null when the source reported no speed) and from which source (a terminal's id or {@code phone}).
     * One source at a time: a terminal fix taken while the member's latest phone fix was fresh
     * ({@code redwhistle.members.phone-fix-freshness}) is left out, as it did not move the member live;
     * {@code setAside} says how many were.
     */
    public record Properties(String memberId, List<Long> members, List<String> devices, String from, String to, int points,
            List<Long> timesMs, List<Float> speedsMps, List<String> sources, int setAside) {
    }
}
