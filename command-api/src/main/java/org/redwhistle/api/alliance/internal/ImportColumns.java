package org.redwhistle.api.alliance.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.sheets.SheetColumns;

/** The columns of an imported list of alliance members, as the template names them. */
enum ImportColumns {
    NAME("姓名", true, "张某某", ""),
    PHONE("手机号", true, "13812345678", "本人 11 位手机号；审核通过后即为登录巡逻页面的用户名"),
    ID_NUMBER("身份证号", true, "370705198805121234", "18 位公民身份号码（GB 11643），XLSX 中请设为文本格式；按身份证号匹配，可重复导入"),
    TRADE("行业", true, "出租车司机", "物业人员、小区保安、企事业单位内保、环卫工人、园林工人、出租车司机、个体工商户、其他"),
    EMPLOYER("工作单位", false, "潍坊恒信出租汽车公司", "可留空"),
    TEAM("队伍", false, "广文街道平安联盟队", "队伍名称，须是本辖区已有的队伍；状态为在册时必填"),
    STATUS("状态", false, "在册", "待审核（默认）或 在册");

    final String header;
    final boolean required;
    final String example;
    final String hint;

    ImportColumns(String header, boolean required, String example, String hint) {
        this.header = header;
        this.required = required;
        this.example = example;
        this.hint = hint;
    }

    private static final Map<String, ImportColumns> ALIASES = Map.ofEntries(Map.entry("手机", PHONE), Map.entry("手机号码", PHONE),
            Map.entry("联系电话", PHONE), Map.entry("公民身份号码", ID_NUMBER), Map.entry("身份证号码", ID_NUMBER), Map.entry("所属行业", TRADE),
            Map.entry("单位", EMPLOYER), Map.entry("所属队伍", TEAM), Map.entry("队员状态", STATUS));

    /** Where each column is in the header row; refuses a header that lacks a required column. */
    static Map<ImportColumns, Integer> locate(List<String> header) {
        return SheetColumns.locate(header, ImportColumns.class, c -> c.header, c -> c.required, ALIASES);
    }
}
