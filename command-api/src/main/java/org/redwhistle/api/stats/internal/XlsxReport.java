package org.redwhistle.api.stats.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A {@link UnitReport} as an XLSX workbook (Apache POI): the sheet 各单位统计 (a title row, the
 * header row, a row per unit with its kind; rates as numbers formatted as percentages, empty when
 * there is nothing to count) and the sheet 指标说明 (every figure and its definition).
 */
final class XlsxReport {

    static final String UNITS_SHEET = "各单位统计";
    static final String GLOSSARY_SHEET = "指标说明";

    private XlsxReport() {
    }

    static byte[] write(UnitReport report) {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles s = new Styles(wb);
            units(wb.createSheet(UNITS_SHEET), report, s);
            glossary(wb.createSheet(GLOSSARY_SHEET), report.glossary(), s);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the XLSX report", e);
        }
    }

    private static void units(Sheet sheet, UnitReport report, Styles s) {
        List<UnitReport.Column> columns = UnitReport.COLUMNS;
        Cell title = sheet.createRow(0).createCell(0);
        title.setCellValue(report.title());
        title.setCellStyle(s.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns.size() - 1));
        Row header = sheet.createRow(1);
        for (int i = 0; i < columns.size(); i++) {
            Cell c = header.createCell(i);
            c.setCellValue(columns.get(i).header());
            c.setCellStyle(s.header);
            sheet.setColumnWidth(i, (columns.get(i).kind() == UnitReport.Kind.TEXT ? 16 : 10) * 256);
        }
        int r = 2;
        for (UnitStatistics.UnitRow unit : report.rows()) {
            Row row = sheet.createRow(r++);
            for (int i = 0; i < columns.size(); i++) {
                Object v = columns.get(i).value().apply(unit);
                if (v == null) {
                    continue;
                }
                Cell c = row.createCell(i);
                switch (columns.get(i).kind()) {
                    case TEXT -> c.setCellValue((String) v);
                    case COUNT -> c.setCellValue(((Number) v).doubleValue());
                    case RATE -> {
                        c.setCellValue(((Number) v).doubleValue());
                        c.setCellStyle(s.rate);
                    }
                }
            }
        }
        sheet.createFreezePane(0, 2);
    }

    private static void glossary(Sheet sheet, List<Rates.Term> terms, Styles s) {
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue("指标");
        header.createCell(1).setCellValue("定义");
        header.getCell(0).setCellStyle(s.header);
        header.getCell(1).setCellStyle(s.header);
        sheet.setColumnWidth(0, 12 * 256);
        sheet.setColumnWidth(1, 100 * 256);
        int r = 1;
        for (Rates.Term t : terms) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(t.name());
            Cell d = row.createCell(1);
            d.setCellValue(t.definition());
            d.setCellStyle(s.wrap);
        }
    }

    /** The workbook's few cell styles (a workbook holds a limited number, so they are made once). */
    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle rate;
        final CellStyle wrap;

        Styles(Workbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            Font big = wb.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 13);
            title = wb.createCellStyle();
            title.setFont(big);
            header = wb.createCellStyle();
            header.setFont(bold);
            rate = wb.createCellStyle();
            rate.setDataFormat(wb.createDataFormat().getFormat("0.00%"));
            wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
        }
    }
}
