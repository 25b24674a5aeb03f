package org.redwhistle.api.registry.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The import template: the header row in the columns' order. CSV: the header only, UTF-8 with a BOM
 * (so Excel opens it with the right encoding). XLSX: the sheet 户籍台账 with the header and every
 * column formatted as text (an ID number typed into a number cell loses its last digits), and the
 * sheet 填写说明 explaining each column, with the village's grids.
 */
final class LedgerTemplate {

    static final String SHEET = "户籍台账";

    private LedgerTemplate() {
    }

    static byte[] csv() {
        StringBuilder s = new StringBuilder("\uFEFF");
        s.append(String.join(",", java.util.Arrays.stream(LedgerColumns.values()).map(c -> c.header).toList())).append("\r\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(String villageName, List<String> gridNames) {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            head.setDataFormat(text.getDataFormat());
            Sheet sheet = wb.createSheet(SHEET);
            Row header = sheet.createRow(0);
            LedgerColumns[] columns = LedgerColumns.values();
            for (int i = 0; i < columns.length; i++) {
                var c = header.createCell(i);
                c.setCellValue(columns[i].header);
                c.setCellStyle(head);
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, (columns[i] == LedgerColumns.ID_NUMBER || columns[i] == LedgerColumns.ADDRESS ? 24 : 12) * 256);
            }
            sheet.createFreezePane(0, 1);
            Sheet help = wb.createSheet("填写说明");
            Row h = help.createRow(0);
            String[] titles = {"列", "是否必填", "示例", "说明"};
            for (int i = 0; i < titles.length; i++) {
                h.createCell(i).setCellValue(titles[i]);
                h.getCell(i).setCellStyle(head);
            }
            int r = 1;
            for (LedgerColumns c : columns) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(c.header);
                row.createCell(1).setCellValue(c.required ? "必填" : "可空");
                row.createCell(2).setCellValue(c.example);
                row.createCell(3).setCellValue(c == LedgerColumns.GRID && !gridNames.isEmpty()
                        ? c.hint + "。" + villageName + "的网格：" + String.join("、", gridNames) : c.hint);
            }
            help.createRow(r + 1).createCell(0).setCellValue("每行一人；同一户的成员填写相同的户号和地址。按户号和身份证号匹配：改正后可重复导入，已有的人只更新不同之处。");
            help.setColumnWidth(0, 12 * 256);
            help.setColumnWidth(2, 24 * 256);
            help.setColumnWidth(3, 80 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the ledger template", e);
        }
    }
}
