package org.redwhistle.api.alliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * Importing members from XLSX: the good rows written (在册 with a badge number, or 待审核), the bad ones reported
 * per row and column in Chinese (ID numbers masked); a dry run writes nothing; the same file again changes nothing.
 */
class AllianceImportTest extends AllianceTestSupport {

    @Test
    void importsTheGoodRowsAndReportsTheOthersPerRow() throws Exception {
        String a = newIdNumber();
        String b = newIdNumber();
        String bad = a.substring(0, 17) + (a.charAt(17) == '1' ? '2' : '1');
        byte[] file = xlsx(List.of(
                new Object[] {"姓名", "手机号", "身份证号", "行业", "工作单位", "队伍", "状态"},
                new Object[] {"鞠卫东", "15900001111", a, "小区保安", "金宝花园保安队", GUANGWEN_TEAM, "在册"},
                new Object[] {"隋春梅", "15900002222", b, "环卫工人", "奎文区环境卫生服务中心", null, null},
                new Object[] {"宫学军", "1590000", newIdNumber(), "出租车司机", null, null, null},
                new Object[] {"冷红梅", "15900003333", bad, "物业人员", null, null, null},
                new Object[] {"战永胜", "15900004444", a, "物业人员", null, null, null},
                new Object[] {"綦德福", "15900005555", newIdNumber(), "厨师", null, "东关街道平安联盟队", "在册"},
                new Object[] {"牟金凤", "15900006666", 3.70705198805121E17, "园林工人", null, null, null}));

        JsonNode dry = upload(file, true);
        assertThat(dry.path("rows").asInt()).isEqualTo(7);
        assertThat(dry.path("validRows").asInt()).isEqualTo(2);
        assertThat(dry.path("created").asInt()).isEqualTo(2);
        assertThat(dry.path("activated").asInt()).isEqualTo(1);
        assertThat(count(a) + count(b)).isZero();

        JsonNode done = upload(file, false);
        assertThat(done.path("created").asInt()).isEqualTo(2);
        List<String> errors = new ArrayList<>();
        done.path("errors").forEach(e -> errors.add(e.path("row").asInt() + "|" + e.path("column").asText() + "|" + e.path("reason").asText()));
        assertThat(errors).containsExactly(
                "4|手机号|应为 11 位手机号，如 13812345678",
                "5|身份证号|不是有效的公民身份号码（出生日期或校验位不对）",
                "6|身份证号|与第 2 行的身份证号重复",
                "7|行业|应为以下之一：物业人员、小区保安、企事业单位内保、环卫工人、园林工人、出租车司机、个体工商户、其他",
                "7|队伍|没有这支队伍，或不在您的辖区（请先在「队伍」中建立）",
                "8|身份证号|身份证号被存成了数字，末几位已丢失：请把该列设为文本格式后重新填写");
        assertThat(done.path("errors").get(1).path("value").asText()).isEqualTo("**************" + bad.substring(14));
        assertThat(jdbc.sql("select status || ' ' || coalesce(badge_no, '-') from alliance_member where id_number = ?").param(a).query(String.class).single())
                .matches("ACTIVE 370705-\\d{5}");
        assertThat(jdbc.sql("select status from alliance_member where id_number = ?").param(b).query(String.class).single()).isEqualTo("APPLIED");

        // an imported member in the register gets an account (and a responder) when the police open one
        long imported = jdbc.sql("select id from alliance_member where id_number = ?").param(a).query(Long.class).single();
        JsonNode account = json(post(token("police"), "/api/v1/alliance/members/" + imported + "/account", java.util.Map.of()), 200);
        assertThat(account.path("username").asText()).isEqualTo("15900001111");
        assertThat(account.path("initialPassword").asText()).hasSize(10);
        assertThat(jdbc.sql("select count(*) from member m join alliance_member a on a.member_id = m.id where a.id = ? and m.role = 'PATROL'")
                .param(imported).query(Long.class).single()).isEqualTo(1);
        post(token("police"), "/api/v1/alliance/members/" + imported + "/account", java.util.Map.of()).expectStatus().isEqualTo(409);

        JsonNode again = upload(file, false);
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("updated").asInt()).isZero();
        assertThat(again.path("unchanged").asInt()).isEqualTo(2);

        // 待审核 → 在册 by a corrected file
        byte[] corrected = xlsx(List.of(new Object[] {"姓名", "手机号", "身份证号", "行业", "工作单位", "队伍", "状态"},
                new Object[] {"隋春梅", "15900002222", b, "环卫工人", "奎文区环境卫生服务中心", GUANGWEN_TEAM, "在册"}));
        assertThat(upload(corrected, false).path("activated").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select status from alliance_member where id_number = ?").param(b).query(String.class).single()).isEqualTo("ACTIVE");

        byte[] template = http().get().uri("/api/v1/alliance/members/import-template").header("Authorization", "Bearer " + token("police"))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        try (Workbook wb = new XSSFWorkbook(new java.io.ByteArrayInputStream(template))) {
            assertThat(wb.getSheetAt(0).getRow(0).getCell(2).getStringCellValue()).isEqualTo("身份证号");
        }
        http().post().uri("/api/v1/alliance/members/import").header("Authorization", "Bearer " + token("operator"))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(file).exchange().expectStatus().isForbidden();
    }

    private JsonNode upload(byte[] file, boolean dryRun) {
        return json(http().post().uri("/api/v1/alliance/members/import?dryRun=" + dryRun + "&fileName=队员.xlsx")
                .header("Authorization", "Bearer " + token("police")).contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(file).exchange(), 200);
    }

    private long count(String idNumber) {
        return jdbc.sql("select count(*) from alliance_member where id_number = ?").param(idNumber).query(Long.class).single();
    }

    private static byte[] xlsx(List<Object[]> rows) throws Exception {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("平安联盟队员");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).length; c++) {
                    Object v = rows.get(r)[c];
                    if (v instanceof Double d) {
                        row.createCell(c).setCellValue(d);
                    } else if (v != null) {
                        row.createCell(c).setCellValue((String) v);
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        }
    }
}
