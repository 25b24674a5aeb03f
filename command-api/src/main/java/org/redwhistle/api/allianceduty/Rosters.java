package org.redwhistle.api.allianceduty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * Duty rosters (排班): shifts of a team (an {@code alliance_team}) or of an area, from a start to an end in
 * Asia/Shanghai (an end at or before the start is the next day's), at a place or beat, optionally walking a
 * guard tour; and the members on each. Every change is audited under {@code by}.
 */
public interface Rosters {

    /** A shift: {@code teamId} or {@code areaId} (a team's shift is in the team's area), on a day from {@code start} to {@code end}. */
    record NewShift(Long teamId, Long areaId, LocalDate day, LocalTime start, LocalTime end, String place, Long tourId, String note,
            List<Long> memberIds) {
    }

    long plan(NewShift shift, String by, Instant at);

    /** Puts exactly these members on the shift. */
    void assign(long shiftId, List<Long> memberIds, String by, Instant at);

    /** Whether the team (when given, else the area) has a shift starting at this moment at this place (the demo adds only what is missing). */
    boolean exists(Long teamId, long areaId, Instant startsAt, String place);

    /** The first active team of the alliance inside the area (by area and name), if it has one. */
    java.util.Optional<Long> teamIn(long areaId);
}
