package org.redwhistle.api.stats.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.redwhistle.api.calendar.WorkingCalendar;

/**
 * A per-unit report as the XLSX and CSV writers lay it out: its title, its columns (one list, so both
 * formats have the same ones in the same order) and the definitions of its figures.
 *
 * @param title     what the report covers: the area, the period and when it was generated (Asia/Shanghai)
 * @param rows      the units' rows, streets then communities (then departments), each kind ranked
 * @param glossary  every figure and rate with its definition in force
 */
public record UnitReport(String title, List<UnitStatistics.UnitRow> rows, List<Rates.Term> glossary) {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(WorkingCalendar.CHINA);

    /** A column's kind: how its values are written. */
    public enum Kind {
        TEXT, COUNT, RATE
    }

    /** A column: its header in zh-CN and its value in a row (a String, a Long, or a Double rate from 0 to 1, null when none). */
    public record Column(String header, Kind kind, Function<UnitStatistics.UnitRow, Object> value) {
    }

    public static final List<Column> COLUMNS = List.of(
            new Column("类别", Kind.TEXT, UnitStatistics.UnitRow::kindLabel),
            new Column("排名", Kind.COUNT, r -> (long) r.rank()),
            new Column("单位", Kind.TEXT, UnitStatistics.UnitRow::name),
            new Column("上级单位", Kind.TEXT, UnitStatistics.UnitRow::parentName),
            new Column("受理量", Kind.COUNT, r -> r.figures().accepted()),
            new Column("办结量", Kind.COUNT, r -> r.figures().closed()),
            new Column("在办量", Kind.COUNT, r -> r.figures().open()),
            new Column("逾期量", Kind.COUNT, r -> r.figures().overdue()),
            new Column("复杂件", Kind.COUNT, r -> r.figures().complex()),
            new Column("评价数", Kind.COUNT, r -> r.figures().rated()),
            new Column("响应率", Kind.RATE, r -> r.figures().responseRate()),
            new Column("解决率", Kind.RATE, r -> r.figures().resolutionRate()),
            new Column("满意率", Kind.RATE, r -> r.figures().satisfactionRate()),
            new Column("综合得分", Kind.RATE, r -> r.figures().composite()),
            new Column("督办单", Kind.COUNT, UnitStatistics.UnitRow::supervisionOrders));

    /** The title line: "奎文区 各单位诉求统计　统计期间 … 至 …（北京时间）　生成时间 …". */
    public static String title(String areaName, Instant from, Instant to, Instant generated) {
        return areaName + " 各单位诉求统计　统计期间 " + MINUTE.format(from) + " 至 " + MINUTE.format(to) + "（北京时间，按提交时间，不含止时）　生成时间 "
                + MINUTE.format(generated) + "（北京时间）";
    }
}
