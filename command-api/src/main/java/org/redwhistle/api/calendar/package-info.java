/**
 * The official working calendar. The API: {@link org.redwhistle.api.calendar.Calendars} (the loaded
 * years, one owner of {@code working_calendar}), {@link org.redwhistle.api.calendar.WorkingCalendar}
 * (working-day deadlines) and {@link org.redwhistle.api.calendar.OfficialCalendar}; the REST
 * controller is {@code internal}.
 */
package org.redwhistle.api.calendar;
