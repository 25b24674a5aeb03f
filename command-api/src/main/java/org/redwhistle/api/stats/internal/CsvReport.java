package org.redwhistle.api.stats.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@link UnitReport}'s rows as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or
 * line break), UTF-8 with a byte order mark so that Excel reads the Chinese right: a header row and a
 * row per unit, the same columns as the XLSX; rates as percentages ({@code 75.00%}), empty when there
 * is nothing to count.
 */
final class CsvReport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvReport() {
    }

    static byte[] write(UnitReport report) {
        List<UnitReport.Column> columns = UnitReport.COLUMNS;
        StringBuilder csv = new StringBuilder();
        csv.append(columns.stream().map(c -> field(c.header())).collect(Collectors.joining(","))).append("\r\n");
        for (UnitStatistics.UnitRow row : report.rows()) {
            csv.append(columns.stream().map(c -> value(c, c.value().apply(row))).collect(Collectors.joining(","))).append("\r\n");
        }
        byte[] body = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[BOM.length + body.length];
        System.arraycopy(BOM, 0, out, 0, BOM.length);
        System.arraycopy(body, 0, out, BOM.length, body.length);
        return out;
    }

    private static String value(UnitReport.Column column, Object v) {
        if (v == null) {
            return "";
        }
        return switch (column.kind()) {
            case TEXT -> field((String) v);
            case COUNT -> v.toString();
            case RATE -> BigDecimal.valueOf((Double) v).movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
        };
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
