package org.redwhistle.api.registry.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.errors.ApiException;

/** The columns of an imported ledger (one row per person, with their household's columns), as the template names them. */
enum LedgerColumns {
    CODE("户号", true, "DD-0108", "户籍台账中的户号，同一户的成员填写相同户号"),
    ADDRESS("地址", true, "东顶村老村西街12号", "户的住址"),
    GRID("网格", false, "第一网格", "所在网格的名称（或编码），可留空"),
    HOUSEHOLD_PHONE("联系电话", false, "0533-4181234", "户的联系电话：手机号或带区号的固定电话"),
    NAME("姓名", true, "李某某", ""),
    GENDER("性别", true, "男", "男 或 女，须与身份证号一致"),
    BIRTH_DATE("出生日期", false, "1968-05-12", "如 1968-05-12，可留空；填写时须与身份证号一致"),
    ID_NUMBER("身份证号", true, "370304196805121234", "18 位公民身份号码（GB 11643），XLSX 中请设为文本格式"),
    RELATION("与户主关系", true, "户主", "户主、配偶、子女、父母、孙子女、兄弟姐妹等"),
    MOBILE("手机", false, "13812345678", "本人手机号，可留空"),
    ROLES("身份", false, "党员;村民代表", "可填多个，用分号隔开：党员、两委委员、村民代表、网格员、调解员、和事佬、法律顾问、代办员");

    final String header;
    final boolean required;
    final String example;
    final String hint;

    LedgerColumns(String header, boolean required, String example, String hint) {
        this.header = header;
        this.required = required;
        this.example = example;
        this.hint = hint;
    }

    private static final Map<String, LedgerColumns> ALIASES = Map.ofEntries(Map.entry("家庭住址", ADDRESS), Map.entry("住址", ADDRESS),
            Map.entry("户联系电话", HOUSEHOLD_PHONE), Map.entry("家庭电话", HOUSEHOLD_PHONE), Map.entry("公民身份号码", ID_NUMBER),
            Map.entry("身份证号码", ID_NUMBER), Map.entry("关系", RELATION), Map.entry("手机号", MOBILE), Map.entry("手机号码", MOBILE),
            Map.entry("所属网格", GRID));

    /** Where each column is in the header row; refuses a header that lacks a required column. */
    static Map<LedgerColumns, Integer> locate(List<String> header) {
        Map<LedgerColumns, Integer> at = new EnumMap<>(LedgerColumns.class);
        for (int i = 0; i < header.size(); i++) {
            String name = normalize(header.get(i));
            for (LedgerColumns c : values()) {
                if (c.header.equals(name) && !at.containsKey(c)) {
                    at.put(c, i);
                }
            }
            LedgerColumns alias = ALIASES.get(name);
            if (alias != null && !at.containsKey(alias)) {
                at.put(alias, i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (LedgerColumns c : values()) {
            if (c.required && !at.containsKey(c)) {
                missing.add(c.header);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.badField("file", "第一行应为表头，缺少列：" + String.join("、", missing) + "（请下载模板，按模板的列填写）");
        }
        return at;
    }

    /** A header cell without marks: 姓名* → 姓名, 出生日期（yyyy-mm-dd） → 出生日期. */
    static String normalize(String cell) {
        String s = cell == null ? "" : cell.replace("\uFEFF", "").replace('\u3000', ' ').strip();
        int paren = indexOfAny(s, '（', '(');
        if (paren > 0) {
            s = s.substring(0, paren);
        }
        return s.replace("*", "").replace("＊", "").strip();
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
