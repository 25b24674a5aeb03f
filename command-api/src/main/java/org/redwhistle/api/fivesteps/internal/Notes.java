package org.redwhistle.api.fivesteps.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import org.redwhistle.api.calendar.WorkingCalendar;

/** Times in the record's notes, as users read them: Asia/Shanghai. */
public final class Notes {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private Notes() {
    }

    public static String time(Instant at) {
        return TIME.format(at.atZone(WorkingCalendar.CHINA));
    }
}
