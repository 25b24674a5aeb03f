package org.redwhistle.api.registry.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.sheets.SheetColumns;

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
        return SheetColumns.locate(header, LedgerColumns.class, c -> c.header, c -> c.required, ALIASES);
    }
}
