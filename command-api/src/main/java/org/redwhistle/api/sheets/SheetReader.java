package org.redwhistle.api.sheets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.redwhistle.api.errors.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Reads an uploaded sheet (a village's ledger, the alliance's members) into lines of text cells, numbered as the spreadsheet shows them (the header
 * is row 1 when it is the first row). CSV: UTF-8 with or without BOM, else GBK when the bytes are not
 * UTF-8 (what Excel on a Chinese Windows saves); comma- or tab-separated, quotes as RFC 4180. XLSX: the
 * first sheet; date cells as yyyy-MM-dd, numbers without exponent (remembered, since an 18-digit ID
 * number stored as a number has lost its last digits).
 */
public final class SheetReader {

    /** The largest file taken: about 20,000 rows of a ledger. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** The most data rows taken in one file. */
    public static final int MAX_ROWS = 5000;

    /** A line: its row number in the spreadsheet, its cells, and which cells were numbers (XLSX). */
    public record Line(int number, List<String> cells, Set<Integer> numeric) {
        public String cell(int i) {
            if (i < 0 || i >= cells.size()) {
                return null;
            }
            String v = cells.get(i).replace('\u3000', ' ').strip();
            return v.isEmpty() ? null : v;
        }

        public boolean blank() {
            return cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** The file as read: its kind ("CSV (UTF-8)", "CSV (GBK)", "XLSX") and its non-blank lines, the header first. */
    public record Sheet(String kind, List<Line> lines) {
    }

    private SheetReader() {
    }

    public static Sheet read(byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiException.badField("file", "文件是空的");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        if (startsWith(bytes, 0x50, 0x4B, 0x03, 0x04)) {
            return xlsx(bytes);
        }
        if (startsWith(bytes, 0xD0, 0xCF, 0x11, 0xE0)) {
            throw unsupported("这是旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入");
        }
        for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
            if (bytes[i] == 0) {
                throw unsupported("不是 CSV 或 XLSX 文件：请使用台账模板（CSV 或 XLSX）");
            }
        }
        boolean bom = startsWith(bytes, 0xEF, 0xBB, 0xBF);
        String text = decode(bytes, bom ? 3 : 0, StandardCharsets.UTF_8);
        String kind = "CSV（UTF-8）";
        if (text == null) {
            text = decode(bytes, 0, Charset.forName("GBK"));
            kind = "CSV（GBK）";
        }
        if (text == null) {
            throw unsupported("无法识别 CSV 文件的编码：请另存为“CSV UTF-8（逗号分隔）”");
        }
        return new Sheet(kind, csv(text));
    }

    public static ApiException tooLarge() {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "File too large", "文件超过 " + MAX_BYTES / 1024 / 1024 + " MB：请分成几个文件导入",
                List.of(new ApiException.FieldError("file", "文件过大")));
    }

    private static ApiException unsupported(String why) {
        return new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported file", why, List.of(new ApiException.FieldError("file", why)));
    }

    private static String decode(byte[] bytes, int from, Charset cs) {
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** RFC 4180 records (a quoted cell may hold the separator, quotes doubled, line breaks); the separator is the header's comma or tab. */
    public static List<Line> csv(String text) {
        int firstBreak = text.indexOf('\n');
        String head = firstBreak < 0 ? text : text.substring(0, firstBreak);
        char sep = head.indexOf(',') < 0 && head.indexOf('\t') >= 0 ? '\t' : head.indexOf(',') < 0 && head.indexOf('，') >= 0 ? '，' : ',';
        List<Line> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int row = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == sep) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                add(out, new Line(row++, cells, Set.of()));
                cells = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        if (!cell.isEmpty() || !cells.isEmpty()) {
            cells.add(cell.toString());
            add(out, new Line(row, cells, Set.of()));
        }
        return out;
    }

    private static void add(List<Line> out, Line line) {
        if (!line.blank()) {
            if (out.size() > MAX_ROWS) {
                throw ApiException.badField("file", "超过 " + MAX_ROWS + " 行：请分成几个文件导入");
            }
            out.add(line);
        }
    }

    private static Sheet xlsx(byte[] bytes) {
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (wb.getNumberOfSheets() == 0) {
                throw ApiException.badField("file", "工作簿中没有工作表");
            }
            org.apache.poi.ss.usermodel.Sheet sheet = wb.getSheetAt(0);
            DataFormatter fmt = new DataFormatter(java.util.Locale.CHINA);
            List<Line> out = new ArrayList<>();
            for (Row r : sheet) {
                List<String> cells = new ArrayList<>();
                Set<Integer> numeric = new HashSet<>();
                for (int c = 0; c < Math.max(0, r.getLastCellNum()); c++) {
                    Cell cell = r.getCell(c);
                    cells.add(text(cell, fmt, numeric, c));
                }
                add(out, new Line(r.getRowNum() + 1, cells, numeric));
            }
            return new Sheet("XLSX", out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ApiException a) {
                throw a;
            }
            throw unsupported("不是有效的 XLSX 文件（无法打开）：请用 Excel 或 WPS 另存为 .xlsx 后再导入");
        }
    }

    private static String text(Cell cell, DataFormatter fmt, Set<Integer> numeric, int column) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            if (DateUtil.isCellDateFormatted(cell)) {
                return cell.getLocalDateTimeCellValue().toLocalDate().toString();
            }
            numeric.add(column);
            return BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
        }
        return fmt.formatCellValue(cell);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
