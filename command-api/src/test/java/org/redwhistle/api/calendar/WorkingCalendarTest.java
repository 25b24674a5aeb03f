package org.redwhistle.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The working-day rule on the shipped 2025 and 2026 calendars, against an independent oracle. */
class WorkingCalendarTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode resource(String path) throws Exception {
        try (InputStream in = WorkingCalendarTest.class.getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }

    private static WorkingCalendar shipped() throws Exception {
        return new WorkingCalendar(List.of(OfficialCalendar.parse(2025, resource("/calendar/2025.json")),
                OfficialCalendar.parse(2026, resource("/calendar/2026.json"))));
    }

    private static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    private static String deadline(WorkingCalendar c, String submitted, int n) {
        return OffsetDateTime.ofInstant(c.deadline(at(submitted), n), WorkingCalendar.CHINA).toString();
    }

    /** The cases worked out in REFERENCE-NOTES §4, across both years' holidays and make-up days. */
    @Test
    void deadlinesAcrossHolidaysAndMakeUpWorkingDays() throws Exception {
        WorkingCalendar c = shipped();
        // 2025 National Day: 10-01..08 off, Sat 10-11 worked
        assertThat(deadline(c, "2025-09-30T10:00:00+08:00", 1)).isEqualTo("2025-10-09T23:59:59.999+08:00");
        assertThat(deadline(c, "2025-09-30T10:00:00+08:00", 3)).isEqualTo("2025-10-11T23:59:59.999+08:00");
        assertThat(deadline(c, "2025-09-30T10:00:00+08:00", 5)).isEqualTo("2025-10-14T23:59:59.999+08:00");
        // 2025 Spring Festival: Sun 01-26 worked, 01-28..02-04 off
        assertThat(deadline(c, "2025-01-24T16:00:00+08:00", 1)).isEqualTo("2025-01-26T23:59:59.999+08:00");
        assertThat(deadline(c, "2025-01-24T16:00:00+08:00", 3)).isEqualTo("2025-02-05T23:59:59.999+08:00");
        assertThat(deadline(c, "2025-01-24T16:00:00+08:00", 5)).isEqualTo("2025-02-07T23:59:59.999+08:00");
        // 2026 Spring Festival: Sat 02-14 worked, 02-15..23 off
        assertThat(deadline(c, "2026-02-13T09:00:00+08:00", 1)).isEqualTo("2026-02-14T23:59:59.999+08:00");
        assertThat(deadline(c, "2026-02-13T09:00:00+08:00", 3)).isEqualTo("2026-02-25T23:59:59.999+08:00");
        assertThat(deadline(c, "2026-02-13T09:00:00+08:00", 5)).isEqualTo("2026-02-27T23:59:59.999+08:00");
        // 2026 National Day: 10-01..07 off, Sat 10-10 worked
        assertThat(deadline(c, "2026-09-30T10:00:00+08:00", 1)).isEqualTo("2026-10-08T23:59:59.999+08:00");
        assertThat(deadline(c, "2026-09-30T10:00:00+08:00", 3)).isEqualTo("2026-10-10T23:59:59.999+08:00");
        assertThat(deadline(c, "2026-09-30T10:00:00+08:00", 5)).isEqualTo("2026-10-13T23:59:59.999+08:00");
        // across the new year: 2025-12-31 + 1 → 2026-01-05 (01-01..03 off, Sun 01-04 worked → 01-04)
        assertThat(deadline(c, "2025-12-31T12:00:00+08:00", 1)).isEqualTo("2026-01-04T23:59:59.999+08:00");
    }

    @Test
    void theDayOfSubmissionIsTheDayInChinaNotInUtc() throws Exception {
        WorkingCalendar c = shipped();
        // 2026-11-26 20:00 UTC is Friday 2026-11-27 04:00 in China: the clock starts from Friday
        assertThat(deadline(c, "2026-11-26T20:00:00Z", 1)).isEqualTo("2026-11-30T23:59:59.999+08:00");
        // 2026-11-26 15:00 UTC is still Thursday 23:00 in China
        assertThat(deadline(c, "2026-11-26T15:00:00Z", 1)).isEqualTo("2026-11-27T23:59:59.999+08:00");
    }

    /** Every day of 2025 and 2026 against chinese-days 1.5.7 (MIT), an independent compilation of the notices. */
    @Test
    void everyDayAgreesWithTheChineseDaysOracle() throws Exception {
        WorkingCalendar c = shipped();
        int checked = 0;
        for (int year : new int[] {2025, 2026}) {
            JsonNode oracle = resource("/chinese-days/" + year + ".json");
            for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
                boolean weekend = d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
                boolean expected = oracle.path("workdays").has(d.toString()) || (!oracle.path("holidays").has(d.toString()) && !weekend);
                assertThat(c.isWorkingDay(d)).as(d.toString()).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(730);
    }

    /** Across the year end into a year without its notice: counted on the provisional year, and said so. */
    @Test
    void aDeadlinePastTheLoadedCalendarsIsProvisional() throws Exception {
        WorkingCalendar c = shipped();
        // Wed 2026-12-30 + 3: Thu 12-31, (01-01 元旦 2027, weekend), Mon 01-04, Tue 01-05
        WorkingCalendar.Deadline d = c.due(at("2026-12-30T10:00:00+08:00"), 3);
        assertThat(d.countedDays()).containsExactly(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4), LocalDate.of(2027, 1, 5));
        assertThat(OffsetDateTime.ofInstant(d.at(), WorkingCalendar.CHINA).toString()).isEqualTo("2027-01-05T23:59:59.999+08:00");
        assertThat(d.provisional()).isTrue();
        assertThat(d.provisionalYears()).containsExactly(2027);
        // + 1 stays in 2026: official, not provisional
        WorkingCalendar.Deadline one = c.due(at("2026-12-30T10:00:00+08:00"), 1);
        assertThat(one.countedDays()).containsExactly(LocalDate.of(2026, 12, 31));
        assertThat(one.provisional()).isFalse();
        // Thu 2026-12-31 23:30 in China + 1: Friday 01-01 is 元旦, so Monday 01-04
        assertThat(deadline(c, "2026-12-31T23:30:00+08:00", 1)).isEqualTo("2027-01-04T23:59:59.999+08:00");
        // Thu 2027-12-30 + 3 on provisional 2027 and 2028: 元旦 2028 on Saturday is made up on Monday 01-03
        WorkingCalendar.Deadline next = c.due(at("2027-12-30T10:00:00+08:00"), 3);
        assertThat(next.countedDays()).containsExactly(LocalDate.of(2027, 12, 31), LocalDate.of(2028, 1, 4), LocalDate.of(2028, 1, 5));
        assertThat(next.provisionalYears()).containsExactly(2027, 2028);
        // loading 2027 (here: its provisional days as if official) leaves only 2028 provisional
        WorkingCalendar with2027 = new WorkingCalendar(List.of(OfficialCalendar.parse(2026, resource("/calendar/2026.json")),
                StatutoryHolidays.provisional(2027)));
        assertThat(with2027.due(at("2027-12-30T10:00:00+08:00"), 3).provisionalYears()).containsExactly(2028);
        assertThat(with2027.due(at("2027-12-30T10:00:00+08:00"), 1).provisional()).isFalse();
    }

    @Test
    void onlyYearsOutsideTheProvisionedRangeAreRefused() throws Exception {
        WorkingCalendar c = shipped();
        assertThatThrownBy(() -> c.deadline(at("2100-12-28T10:00:00+08:00"), 5))
                .isInstanceOf(WorkingCalendar.CalendarNotLoadedException.class)
                .hasMessageStartingWith("the official calendar for 2101 is not loaded (loaded: [2025, 2026]) and provisional calendars are computed for 2008 to 2100 only");
        assertThatThrownBy(() -> c.isWorkingDay(LocalDate.of(2007, 12, 31))).isInstanceOf(WorkingCalendar.CalendarNotLoadedException.class);
        assertThat(c.isWorkingDay(LocalDate.of(2024, 12, 31))).isTrue();
        assertThatThrownBy(() -> c.year(2027)).isInstanceOf(WorkingCalendar.CalendarNotLoadedException.class);
        assertThat(c.counted(2027).source()).startsWith("暂定");
    }

    @Test
    void aBadYearIsRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> OfficialCalendar.parse(2027, JSON.readTree(
                "{\"holidays\":[{\"name\":\"元旦\",\"from\":\"2027-01-01\",\"to\":\"2027-01-01\"}],\"workdays\":[\"2027-01-04\"]}")))
                .hasMessage("workdays[0]: 2027-01-04 is a MONDAY, not a weekend day");
        assertThatThrownBy(() -> OfficialCalendar.parse(2027, JSON.readTree(
                "{\"holidays\":[{\"name\":\"元旦\",\"from\":\"2026-12-31\",\"to\":\"2027-01-01\"}],\"workdays\":[]}")))
                .hasMessage("holidays[0].from: 2026-12-31 is not in 2027");
        assertThatThrownBy(() -> OfficialCalendar.parse(2027, JSON.readTree(
                "{\"holidays\":[{\"name\":\"a\",\"from\":\"2027-02-05\",\"to\":\"2027-02-10\"},{\"name\":\"b\",\"from\":\"2027-02-09\",\"to\":\"2027-02-12\"}],\"workdays\":[]}")))
                .hasMessage("holidays[1]: overlaps a");
    }
}
