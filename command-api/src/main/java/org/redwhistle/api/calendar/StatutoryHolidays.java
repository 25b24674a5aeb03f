package org.redwhistle.api.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A provisional year, for a year whose official notice is not loaded: the statutory days off of
 * 《全国年节及纪念日放假办法》 and weekends, the lunar dates and the 清明 solar term computed
 * ({@link ChineseAstronomy}), never typed.
 * <ul>
 * <li>As amended in 2024 (in force from 2025): 元旦 1 day (1 January); 春节 4 days (农历除夕 and
 * 正月初一 to 初三); 清明节 1 day (the day of the 清明 solar term, the Sun at 15°); 劳动节 2 days
 * (1 and 2 May); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days (1 to 3 October).
 * Before: 春节 初一 to 初三 and 劳动节 1 day (2014–2024); 春节 除夕, 初一 and 初二 (2008–2013).</li>
 * <li>Article 6: "全体公民放假的假日，如果适逢星期六、星期日，应当在工作日补假". A statutory day on a
 * Saturday or Sunday, or on a day already off for another holiday (中秋 within 国庆), is made up here
 * on the first working days after that holiday (补假), as the notices usually place it.</li>
 * <li>The make-up working weekends (调休上班) cannot be derived: each year's notice decides them.
 * A provisional year has none, so it may count a weekend day off that the notice will make a
 * working day, and the notice usually makes the holidays longer: both are corrected when the
 * official year is loaded.</li>
 * </ul>
 */
public final class StatutoryHolidays {

    /** The first year of the 2007 revision (清明, 端午 and 中秋 days off): years before are not provisioned. */
    public static final int FIRST_YEAR = 2008;
    /** The last year provisioned: a deadline beyond it is refused. */
    public static final int LAST_YEAR = 2100;

    static final String SOURCE = "暂定：按《全国年节及纪念日放假办法》法定节假日（农历与清明节气按天文计算）及周末推算，"
            + "适逢周末的法定假日于其后首个工作日补假；调休上班日无法预知，未计入；以国务院办公厅当年节假日安排通知为准";

    private static final Map<Integer, OfficialCalendar> CACHE = new ConcurrentHashMap<>();

    private StatutoryHolidays() {
    }

    public static boolean provisioned(int year) {
        return year >= FIRST_YEAR && year <= LAST_YEAR;
    }

    /** The provisional calendar of {@code year} (no make-up working days). */
    public static OfficialCalendar provisional(int year) {
        if (!provisioned(year)) {
            throw new IllegalArgumentException("year: provisional calendars are computed for " + FIRST_YEAR + " to " + LAST_YEAR);
        }
        return CACHE.computeIfAbsent(year, StatutoryHolidays::compute);
    }

    /** One statutory holiday of the year: its name and its days, in order. */
    public record Statutory(String name, List<LocalDate> days) {
    }

    /** The statutory days of {@code year} before any 补假, holiday by holiday, in date order. */
    public static List<Statutory> statutory(int year) {
        LocalDate newYear = ChineseAstronomy.lunarNewYear(year);
        List<LocalDate> spring = year >= 2025 ? List.of(newYear.minusDays(1), newYear, newYear.plusDays(1), newYear.plusDays(2))
                : year >= 2014 ? List.of(newYear, newYear.plusDays(1), newYear.plusDays(2))
                : List.of(newYear.minusDays(1), newYear, newYear.plusDays(1));
        List<Statutory> out = new ArrayList<>();
        out.add(new Statutory("元旦", List.of(LocalDate.of(year, 1, 1))));
        out.add(new Statutory("春节", spring));
        out.add(new Statutory("清明节", List.of(ChineseAstronomy.solarTermDay(year, 3, 15))));
        out.add(new Statutory("劳动节", year >= 2025 ? List.of(LocalDate.of(year, 5, 1), LocalDate.of(year, 5, 2)) : List.of(LocalDate.of(year, 5, 1))));
        out.add(new Statutory("端午节", List.of(ChineseAstronomy.lunarDate(year, 5, 5))));
        out.add(new Statutory("中秋节", List.of(ChineseAstronomy.lunarDate(year, 8, 15))));
        out.add(new Statutory("国庆节", List.of(LocalDate.of(year, 10, 1), LocalDate.of(year, 10, 2), LocalDate.of(year, 10, 3))));
        out.sort((a, b) -> a.days().get(0).compareTo(b.days().get(0)));
        return out;
    }

    private static boolean weekend(LocalDate d) {
        return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static OfficialCalendar compute(int year) {
        TreeMap<LocalDate, String> off = new TreeMap<>();
        for (Statutory h : statutory(year)) {
            int lost = 0;
            for (LocalDate d : h.days()) {
                if (weekend(d) || off.containsKey(d)) {
                    lost++;
                }
                off.merge(d, h.name(), (a, b) -> a + "、" + b);
            }
            LocalDate d = h.days().get(h.days().size() - 1);
            while (lost > 0) {
                d = d.plusDays(1);
                if (!weekend(d) && !off.containsKey(d)) {
                    off.put(d, h.name() + "（补假）");
                    lost--;
                }
            }
        }
        // consecutive days of one name make one period
        List<OfficialCalendar.Holiday> periods = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        String name = null;
        for (Map.Entry<LocalDate, String> e : off.entrySet()) {
            if (name != null && e.getValue().equals(name) && e.getKey().equals(to.plusDays(1))) {
                to = e.getKey();
                continue;
            }
            if (name != null) {
                periods.add(new OfficialCalendar.Holiday(name, from, to));
            }
            name = e.getValue();
            from = e.getKey();
            to = e.getKey();
        }
        periods.add(new OfficialCalendar.Holiday(name, from, to));
        return new OfficialCalendar(year, SOURCE, List.copyOf(periods), Set.of());
    }
}
