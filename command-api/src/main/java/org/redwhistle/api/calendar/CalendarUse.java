package org.redwhistle.api.calendar;

import java.util.Map;

/**
 * What counts on provisional years now: implemented by the features that keep deadlines (cases), so
 * the calendar can tell administrators which official years are missing without knowing those
 * features.
 */
public interface CalendarUse {

    /** A short Chinese name of what is counted, e.g. "未办结案件". */
    String what();

    /** For each year without an official calendar that open deadlines were counted on: how many. */
    Map<Integer, Long> provisionalYearsInUse();
}
