package org.redwhistle.api.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provisional calendar: the Chinese calendar computed (new moons, solar terms, leap months)
 * against independent references, the statutory days off of 《全国年节及纪念日放假办法》 and their
 * 补假, and the shipped official years, which must contain every provisional day off.
 */
class StatutoryHolidaysTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static List<String[]> reference() throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = StatutoryHolidaysTest.class.getResourceAsStream("/lunar-reference.csv");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                rows.add(line.split(","));
            }
        }
        return rows;
    }

    /** The worked examples of Meeus, Astronomical Algorithms: 49.a (a new moon) and 25.b (the Sun, high accuracy). */
    @Test
    void theAstronomyReproducesMeeusWorkedExamples() {
        // new moon of 1977 February: k = -283, JDE 2443192.65118
        assertThat(ChineseAstronomy.newMoonJde(-283)).isCloseTo(2443192.65118, org.assertj.core.data.Offset.offset(0.00002));
        // 1992 October 13.0 TD: apparent longitude 199°54'21.818" (VSOP87)
        assertThat(ChineseAstronomy.solarLongitude(2448908.5)).isCloseTo(199 + 54 / 60.0 + 21.818 / 3600, org.assertj.core.data.Offset.offset(0.0003));
    }

    /**
     * 正月初一, 五月初五 and 八月十五 of every year provisioned, against chinese-days' lunar tables, and the
     * 清明 instant against astronomy-engine (scripts/reference/lunar-reference.mjs).
     */
    @Test
    void lunarDatesAndQingmingAgreeWithIndependentReferencesFrom2008To2100() throws Exception {
        List<String[]> rows = reference();
        assertThat(rows).hasSize(93);
        for (String[] f : rows) {
            int y = Integer.parseInt(f[0]);
            assertThat(ChineseAstronomy.lunarNewYear(y)).as("正月初一 %d", y).isEqualTo(LocalDate.parse(f[1]));
            assertThat(ChineseAstronomy.lunarDate(y, 5, 5)).as("端午 %d", y).isEqualTo(LocalDate.parse(f[2]));
            assertThat(ChineseAstronomy.lunarDate(y, 8, 15)).as("中秋 %d", y).isEqualTo(LocalDate.parse(f[3]));
            Instant qingming = ChineseAstronomy.solarTerm(15, ZonedDateTime.of(y, 3, 1, 0, 0, 0, 0, ChineseAstronomy.BEIJING).toInstant());
            Instant reference = OffsetDateTime.parse(f[4]).toInstant();
            assertThat(Duration.between(qingming, reference).abs()).as("清明 %d", y).isLessThan(Duration.ofMinutes(1));
            assertThat(ChineseAstronomy.beijingDate(qingming)).as("清明 %d", y).isEqualTo(reference.atOffset(ChineseAstronomy.BEIJING).toLocalDate());
        }
    }

    /** 除夕 is the last day of the twelfth month, the 29th or the 30th. */
    @Test
    void newYearsEveIsTheLastDayOfTheTwelfthMonth() {
        // 2027: a 29-day twelfth month, 除夕 on the 29th (02-05); 正月初一 is 02-06 (the new moon at 23:56 Beijing time)
        assertThat(ChineseAstronomy.lunarDate(2026, 12, 29)).isEqualTo(LocalDate.of(2027, 2, 5));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChineseAstronomy.lunarDate(2026, 12, 30)).hasMessageContaining("has 29 days");
        assertThat(ChineseAstronomy.lunarNewYear(2027)).isEqualTo(LocalDate.of(2027, 2, 6));
        // 2030: a 30-day twelfth month, 除夕 on the 30th
        assertThat(ChineseAstronomy.lunarDate(2029, 12, 30)).isEqualTo(LocalDate.of(2030, 2, 2));
        assertThat(StatutoryHolidays.statutory(2030).stream().filter(h -> h.name().equals("春节")).findFirst().orElseThrow().days().get(0))
                .isEqualTo(LocalDate.of(2030, 2, 2));
    }

    private static Map<String, List<LocalDate>> statutory(int year) {
        return StatutoryHolidays.statutory(year).stream().collect(Collectors.toMap(StatutoryHolidays.Statutory::name, StatutoryHolidays.Statutory::days));
    }

    /** The dates named for 2027 and 2028 (published almanacs). */
    @Test
    void theStatutoryDaysOf2027And2028() {
        Map<String, List<LocalDate>> y2027 = statutory(2027);
        assertThat(y2027.get("春节")).containsExactly(LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 7), LocalDate.of(2027, 2, 8));
        assertThat(y2027.get("清明节")).containsExactly(LocalDate.of(2027, 4, 5));
        assertThat(y2027.get("端午节")).containsExactly(LocalDate.of(2027, 6, 9));
        assertThat(y2027.get("中秋节")).containsExactly(LocalDate.of(2027, 9, 15));
        assertThat(y2027.get("劳动节")).containsExactly(LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 2));
        Map<String, List<LocalDate>> y2028 = statutory(2028);
        assertThat(y2028.get("春节")).containsExactly(LocalDate.of(2028, 1, 25), LocalDate.of(2028, 1, 26), LocalDate.of(2028, 1, 27), LocalDate.of(2028, 1, 28));
        assertThat(y2028.get("清明节")).containsExactly(LocalDate.of(2028, 4, 4));
        assertThat(y2028.get("端午节")).as("the ordinary fifth month; 2028 has a leap fifth month after it").containsExactly(LocalDate.of(2028, 5, 28));
        assertThat(y2028.get("中秋节")).containsExactly(LocalDate.of(2028, 10, 3));
        // before the 2024 amendment: 初一 to 初三 and one day for Labour Day (2014–2024)
        assertThat(statutory(2024).get("春节")).containsExactly(LocalDate.of(2024, 2, 10), LocalDate.of(2024, 2, 11), LocalDate.of(2024, 2, 12));
        assertThat(statutory(2024).get("劳动节")).containsExactly(LocalDate.of(2024, 5, 1));
    }

    private static List<String> periods(int year) {
        return StatutoryHolidays.provisional(year).holidays().stream().map(h -> h.name() + " " + h.from() + (h.to().equals(h.from()) ? "" : ".." + h.to()))
                .toList();
    }

    /** Statutory days on a weekend, or inside another holiday, are made up on the working days after (Article 6). */
    @Test
    void weekendHolidaysAreMadeUpOnTheFollowingWorkingDays() {
        // 2027: 春节 初一/初二 on Sat/Sun, 劳动节 on Sat/Sun, 国庆 10-02/03 on Sat/Sun
        assertThat(periods(2027)).containsExactly("元旦 2027-01-01", "春节 2027-02-05..2027-02-08", "春节（补假） 2027-02-09..2027-02-10",
                "清明节 2027-04-05", "劳动节 2027-05-01..2027-05-02", "劳动节（补假） 2027-05-03..2027-05-04", "端午节 2027-06-09", "中秋节 2027-09-15",
                "国庆节 2027-10-01..2027-10-03", "国庆节（补假） 2027-10-04..2027-10-05");
        // 2028: 元旦 on Saturday, 端午 on Sunday, 国庆 10-01 on Sunday and 中秋 on 10-03, inside 国庆
        assertThat(periods(2028)).containsExactly("元旦 2028-01-01", "元旦（补假） 2028-01-03", "春节 2028-01-25..2028-01-28", "清明节 2028-04-04",
                "劳动节 2028-05-01..2028-05-02", "端午节 2028-05-28", "端午节（补假） 2028-05-29", "国庆节 2028-10-01..2028-10-02",
                "国庆节、中秋节 2028-10-03", "国庆节（补假） 2028-10-04", "中秋节（补假） 2028-10-05");
        assertThat(StatutoryHolidays.provisional(2028).workdays()).as("make-up working weekends cannot be derived").isEmpty();
        WorkingCalendar c = new WorkingCalendar(List.of());
        assertThat(c.isWorkingDay(LocalDate.of(2028, 1, 3))).isFalse();
        assertThat(c.isWorkingDay(LocalDate.of(2028, 10, 5))).isFalse();
        assertThat(c.isWorkingDay(LocalDate.of(2028, 10, 6))).isTrue();
    }

    /** Every provisional day off of 2025 and 2026 lies inside a holiday period of the State Council's notice. */
    @Test
    void theShippedOfficialYearsContainEveryProvisionalDayOff() throws Exception {
        for (int year : new int[] {2025, 2026}) {
            OfficialCalendar official;
            try (InputStream in = StatutoryHolidaysTest.class.getResourceAsStream("/calendar/" + year + ".json")) {
                JsonNode data = JSON.readTree(in);
                official = OfficialCalendar.parse(year, data);
            }
            OfficialCalendar provisional = StatutoryHolidays.provisional(year);
            int days = 0;
            for (OfficialCalendar.Holiday h : provisional.holidays()) {
                for (LocalDate d = h.from(); !d.isAfter(h.to()); d = d.plusDays(1)) {
                    assertThat(official.isHoliday(d)).as("%s %s", h.name(), d).isTrue();
                    days++;
                }
            }
            // 13 statutory days, plus 补假: 2025 端午 on Saturday (1); 2026 清明 on Sunday, 劳动节 05-02 and 国庆 10-03 on Saturdays (3)
            assertThat(days).isEqualTo(year == 2025 ? 14 : 16);
        }
    }
}
