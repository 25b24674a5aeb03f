package org.redwhistle.api.alliance.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The import template (XLSX): the sheet 平安联盟队员 with the header and every column formatted as text (an ID number
 * typed into a number cell loses its last digits), and the sheet 填写说明 explaining each column, with the teams the
 * importing officer's area has.
 */
final class ImportTemplate {

    private ImportTemplate() {
    }

    static byte[] xlsx(List<String> teamNames) {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            head.setDataFormat(text.getDataFormat());
            Sheet sheet = wb.createSheet("平安联盟队员");
            Row header = sheet.createRow(0);
            ImportColumns[] columns = ImportColumns.values();
            for (int i = 0; i < columns.length; i++) {
                var c = header.createCell(i);
                c.setCellValue(columns[i].header);
                c.setCellStyle(head);
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, (columns[i] == ImportColumns.ID_NUMBER || columns[i] == ImportColumns.EMPLOYER
                        || columns[i] == ImportColumns.TEAM ? 24 : 12) * 256);
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
            for (ImportColumns c : columns) {
                Row row = help.createRow(r++);
                row.createCell(0).setCellValue(c.header);
                row.createCell(1).setCellValue(c.required ? "必填" : "可空");
                row.createCell(2).setCellValue(c.example);
                row.createCell(3).setCellValue(c == ImportColumns.TEAM && !teamNames.isEmpty() ? c.hint + "。本辖区的队伍：" + String.join("、", teamNames) : c.hint);
            }
            help.createRow(r + 1).createCell(0).setCellValue("每行一人。按身份证号匹配：改正后可重复导入，已有的队员只更新不同之处。");
            help.setColumnWidth(0, 12 * 256);
            help.setColumnWidth(2, 24 * 256);
            help.setColumnWidth(3, 80 * 256);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the alliance's import template", e);
        }
    }
}
