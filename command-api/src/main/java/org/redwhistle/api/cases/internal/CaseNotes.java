package org.redwhistle.api.cases.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.redwhistle.api.calendar.WorkingCalendar;

/**
 * How timeline notes write what residents read: times in Asia/Shanghai as {@code 2026年12月7日 23:59}
 * (never an ISO instant), units and verdicts by their Chinese labels (never enum names).
 */
public final class CaseNotes {

    private static final ZoneId CHINA = WorkingCalendar.CHINA;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu年M月d日 HH:mm");

    private CaseNotes() {
    }

    /** {@code 2026年12月7日 23:59}, Asia/Shanghai. */
    public static String time(Instant t) {
        return TIME.format(t.atZone(CHINA));
    }

    /** {@code text} followed by {@code ：note} when a note was given. */
    public static String withNote(String text, String note) {
        return note == null || note.isBlank() ? text : text + "：" + note.strip();
    }
}
