package org.redwhistle.geo.zones;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * When a zone is armed, in Asia/Shanghai local time: always, never, or within weekly windows such
 * as 20:00–06:00 every day. A window whose end is not after its start runs past midnight into the
 * next day (20:00–06:00 on Friday arms Friday evening and Saturday morning); from = to means the
 * whole day. A window's days name the day it starts.
 */
public record ArmingSchedule(Mode mode, List<Window> windows) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** ARMED and DISARMED override the windows; SCHEDULE with no windows is armed all the time. */
    public enum Mode {
        SCHEDULE,
        ARMED,
        DISARMED
    }

    /** One weekly window; no days means every day. */
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

        public Window {
            days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }

        boolean covers(ZonedDateTime local) {
            LocalTime t = local.toLocalTime();
            DayOfWeek today = local.getDayOfWeek();
            if (from.equals(to)) {
                return days.contains(today);
            }
            if (from.isBefore(to)) {
                return days.contains(today) && !t.isBefore(from) && t.isBefore(to);
            }
            // crosses midnight: the evening part today, or the morning part of a window that started yesterday
            return (days.contains(today) && !t.isBefore(from)) || (days.contains(today.minus(1)) && t.isBefore(to));
        }
    }

    public ArmingSchedule {
        windows = List.copyOf(windows);
    }

    public boolean isArmed(java.time.Instant at) {
        return switch (mode) {
            case ARMED -> true;
            case DISARMED -> false;
            case SCHEDULE -> windows.isEmpty() || windows.stream().anyMatch(w -> w.covers(at.atZone(CHINA)));
        };
    }

    /**
     * Reads {@code [{"days":[1,2,3,4,5], "from":"20:00", "to":"06:00"}, ...]} (days 1 = Monday … 7 =
     * Sunday, optional). Throws {@link IllegalArgumentException} naming the bad entry.
     */
    public static List<Window> parseWindows(JsonNode json) {
        List<Window> out = new ArrayList<>();
        if (json == null || json.isNull() || json.isMissingNode()) {
            return out;
        }
        if (!json.isArray()) {
            throw new IllegalArgumentException("schedule must be an array of {days, from, to}");
        }
        for (int i = 0; i < json.size(); i++) {
            JsonNode w = json.get(i);
            Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
            for (JsonNode d : w.path("days")) {
                if (!d.isInt() || d.asInt() < 1 || d.asInt() > 7) {
                    throw new IllegalArgumentException("schedule[" + i + "].days must hold numbers 1 (Monday) to 7 (Sunday)");
                }
                days.add(DayOfWeek.of(d.asInt()));
            }
            out.add(new Window(days, time(w, "from", i), time(w, "to", i)));
        }
        return out;
    }

    private static LocalTime time(JsonNode w, String field, int i) {
        try {
            return LocalTime.parse(w.path(field).asText(""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("schedule[" + i + "]." + field + " must be a time like 20:00");
        }
    }
}
