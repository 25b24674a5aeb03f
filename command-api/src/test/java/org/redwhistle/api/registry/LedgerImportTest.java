package org.redwhistle.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * Importing 东顶村's ledger as its committee (committee-dongding) from the golden files in
 * src/test/resources/registry: ledger-dongding.csv (UTF-8 with BOM; rows 2–3 good, rows 4–7 and 9–10
 * each wrong in its own way, row 8 blank), ledger-dongding.xlsx (made with Apache POI: row 2 with a
 * date cell and phones stored as numbers, row 3 an ID number stored as a number, row 5 a household's
 * second address) and ledger-gbk.csv (GBK, as Excel saves on a Chinese Windows).
 */
class LedgerImportTest extends RegistryTestSupport {

    private static final Path FILES = Path.of("src", "test", "resources", "registry");
    private static final String IMPORT = "/api/v1/registry/import";

    @Test
    void aDryRunChecksEveryRowAndWritesNothingThenTheImportWritesTheGoodRowsAndAgainChangesNothing() throws Exception {
        byte[] csv = Files.readAllBytes(FILES.resolve("ledger-dongding.csv"));
        long audits = audits();

        Answer dry = upload(IMPORT + "?dryRun=true&fileName=ledger-dongding.csv", "committee-dongding", csv, "text/csv");
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().path("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().path("fileKind").asText()).isEqualTo("CSV（UTF-8）");
        assertThat(counts(dry.json())).containsExactly(8, 2, 6, 1, 0, 2, 0, 0);
        assertThat(errors(dry.json())).containsExactlyElementsOf(CSV_ERRORS);
        assertThat(jdbc.sql("select count(*) from household where code like 'T-%'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit_log where id > ? and action like 'registry.%'").param(audits).query(Long.class).single()).isZero();

        Answer done = upload(IMPORT + "?fileName=ledger-dongding.csv", "committee-dongding", csv, "text/csv");
        assertThat(done.status()).isEqualTo(200);
        assertThat(counts(done.json())).containsExactly(8, 2, 6, 1, 0, 2, 0, 0);
        assertThat(errors(done.json())).containsExactlyElementsOf(CSV_ERRORS);
        long t1 = household("T-0001");
        assertThat(jdbc.sql("select count(*) from household where code like 'T-%'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select g.code from household h join area g on g.id = h.grid_id where h.id = ?").param(t1).query(String.class).single())
                .isEqualTo("370304104201-G1");
        JsonNode card = get("/api/v1/registry/households/" + t1, "committee-dongding").json();
        assertThat(card.path("phone").asText()).isEqualTo("0533-4180001");
        assertThat(card.path("members")).hasSize(2);
        JsonNode head = card.path("members").get(0);
        assertThat(head.path("name").asText()).isEqualTo("测试甲");
        assertThat(head.path("relation").asText()).isEqualTo("户主");
        assertThat(head.path("birthDate").asText()).isEqualTo("1970-03-15");
        assertThat(head.path("idNumber").asText()).isEqualTo("**************0110");
        assertThat(head.path("roles").findValuesAsString("label")).containsExactly("党员", "村（居）民代表");
        assertThat(card.path("members").get(1).path("birthDate").asText()).isEqualTo("1972-06-01");
        // audited per household and person, without the ID numbers
        List<String> details = jdbc.sql("select detail::text from audit_log where id > ? and actor = 'committee-dongding' and action like 'registry.%'").param(audits)
                .query(String.class).list();
        assertThat(details).hasSize(4).noneMatch(d -> d.contains("370303197003150110") || d.contains("370303197206010222"));
        assertThat(details).anyMatch(d -> d.contains("**************0110"));

        Answer again = upload(IMPORT + "?fileName=ledger-dongding.csv", "committee-dongding", csv, "text/csv");
        assertThat(counts(again.json())).containsExactly(8, 2, 6, 0, 0, 0, 0, 2);
        assertThat(jdbc.sql("select count(*) from person where household_id = ?").param(t1).query(Long.class).single()).isEqualTo(2);
    }

    private static final List<String> CSV_ERRORS = List.of(
            "4|身份证号|370303196509090310|身份证号校验位不符（按 GB 11643 最后一位应为 7），请核对号码",
            "5|出生日期|1980-01-01|与身份证号中的出生日期 1981-01-01 不一致",
            "6|网格|第九网格|网格“第九网格”不属于东顶村（本村网格：东顶村第一网格（老村西片）、东顶村第二网格（老村东片）、东顶村第三网格（新村 1–11 号楼）、"
                    + "东顶村第四网格（新村 12–22 号楼））",
            "6|手机|1234567|手机号应为 11 位数字、以 1 开头（如 13812345678）",
            "6|身份|党员，村长|未知身份“村长”（可填：党员、两委委员、村（居）民代表、网格员、调解员、和事佬、法律顾问、代办员）",
            "7|身份证号|370303197003150110|与第 2 行的身份证号重复",
            "9|姓名||姓名必填",
            "10|性别|女|与身份证号不一致（第 17 位表示男性）");

    @Test
    void anXlsxLedgerIsReadWithDateCellsAndNumbersAndAnIdNumberStoredAsANumberIsRefused() throws Exception {
        byte[] xlsx = Files.readAllBytes(FILES.resolve("ledger-dongding.xlsx"));
        Answer a = upload(IMPORT + "?fileName=ledger-dongding.xlsx", "committee-dongding", xlsx,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("fileKind").asText()).isEqualTo("XLSX");
        assertThat(counts(a.json())).containsExactly(4, 2, 2, 2, 0, 2, 0, 0);
        assertThat(errors(a.json())).containsExactly(
                "3|身份证号|370303196808080260|身份证号被存成了数字（Excel 只保留 15 位有效数字）：请把该列设为“文本”后重新填写",
                "5|地址|东顶村新村6号楼2单元601|与第 4 行同一户号（X-0002）的地址“东顶村新村6号楼1单元601”不一致");
        JsonNode x1 = get("/api/v1/registry/households/" + household("X-0001"), "committee-dongding").json();
        assertThat(x1.path("gridName").asText()).isEqualTo("东顶村第三网格（新村 1–11 号楼）");
        assertThat(x1.path("phone").asText()).isEqualTo("13900000011");
        assertThat(x1.path("members").get(0).path("phone").asText()).isEqualTo("13900000012");
        assertThat(x1.path("members").get(0).path("birthDate").asText()).isEqualTo("1966-07-07");
        JsonNode x2 = get("/api/v1/registry/households/" + household("X-0002"), "committee-dongding").json();
        assertThat(x2.path("members").get(0).path("roles").findValuesAsString("role")).containsExactly("MEDIATOR", "AGENT");
    }

    @Test
    void aGbkCsvIsRecognisedAndAnIdNumberOfAnotherHouseholdIsRefused() throws Exception {
        Answer gbk = upload(IMPORT + "?dryRun=true", "committee-dongding", Files.readAllBytes(FILES.resolve("ledger-gbk.csv")), "text/csv");
        assertThat(gbk.status()).isEqualTo(200);
        assertThat(gbk.json().path("fileKind").asText()).isEqualTo("CSV（GBK）");
        assertThat(errors(gbk.json())).isEmpty();
        assertThat(gbk.json().path("peopleCreated").asInt()).isEqualTo(2);

        String li = jdbc.sql("select p.id_number from person p join app_user u on u.id = p.user_id where u.username = '13810000001'")
                .query(String.class).single();
        String file = "户号,地址,姓名,性别,身份证号,与户主关系\nY-0001,东顶村老村西街999号,李冒名,男," + li + ",户主\n";
        Answer dup = upload(IMPORT + "?dryRun=true", "committee-dongding", file.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(errors(dup.json())).containsExactly("2|身份证号|" + li + "|此身份证号已登记在户号 DD-0108 的 李守田 名下");
    }

    @Test
    void badFilesAreRefusedWithAProblemNamingTheFile() {
        assertProblem(upload(IMPORT, "committee-dongding", new byte[0], "text/csv"), 400, "文件是空的");
        assertProblem(upload(IMPORT, "committee-dongding", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0}, "image/png"), 415,
                "不是 CSV 或 XLSX 文件");
        assertProblem(upload(IMPORT, "committee-dongding", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0}, "application/vnd.ms-excel"),
                415, "旧版 Excel");
        assertProblem(upload(IMPORT, "committee-dongding", new byte[] {'P', 'K', 3, 4, 1, 2, 3}, "application/octet-stream"), 415,
                "不是有效的 XLSX 文件");
        assertProblem(upload(IMPORT, "committee-dongding", "姓名,电话\n张三,13800000000\n".getBytes(StandardCharsets.UTF_8), "text/csv"), 400,
                "缺少列：户号、地址、性别、身份证号、与户主关系");
        assertProblem(upload(IMPORT, "committee-dongding", "户号,地址,姓名,性别,身份证号,与户主关系\n".getBytes(StandardCharsets.UTF_8), "text/csv"),
                400, "没有数据行");
        assertProblem(upload(IMPORT, "committee-dongding", new byte[5 * 1024 * 1024 + 10], "text/csv"), 413, "文件超过 5 MB");
    }

    @Test
    void onlyTheCommitteesImportAndOnlyIntoTheirOwnVillage() {
        byte[] csv = "户号,地址,姓名,性别,身份证号,与户主关系\n".getBytes(StandardCharsets.UTF_8);
        assertThat(upload(IMPORT, "grid-dongding-1", csv, "text/csv").status()).isEqualTo(403);
        assertThat(upload(IMPORT, "mediator", csv, "text/csv").status()).isEqualTo(403);
        assertThat(upload(IMPORT + "?areaId=" + village("370304104201"), "committee", csv, "text/csv").status()).isEqualTo(404);
    }

    @Test
    void theTemplatesHaveTheColumnsInOrder() throws Exception {
        var csv = http().get().uri("/api/v1/registry/import-template?format=csv").header("Authorization", "Bearer " + token("committee-dongding"))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat(new String(csv, StandardCharsets.UTF_8)).isEqualTo("\uFEFF户号,地址,网格,联系电话,姓名,性别,出生日期,身份证号,与户主关系,手机,身份\r\n");
        var xlsx = http().get().uri("/api/v1/registry/import-template").header("Authorization", "Bearer " + token("committee-dongding"))
                .exchange().expectStatus().isOk().expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectBody().returnResult().getResponseBody();
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            List<String> header = new ArrayList<>();
            wb.getSheet("户籍台账").getRow(0).forEach(c -> header.add(c.getStringCellValue()));
            assertThat(header).containsExactly("户号", "地址", "网格", "联系电话", "姓名", "性别", "出生日期", "身份证号", "与户主关系", "手机", "身份");
            assertThat(wb.getSheet("填写说明").getRow(3).getCell(3).getStringCellValue()).contains("东顶村第一网格（老村西片）");
        }
    }

    private static void assertProblem(Answer a, int status, String detail) {
        assertThat(a.status()).as(a.json().toString()).isEqualTo(status);
        assertThat(a.json().path("detail").asText()).contains(detail);
        assertThat(a.json().path("errors").findValuesAsString("field")).containsExactly("file");
    }

    private long audits() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_log").query(Long.class).single();
    }

    private static List<Integer> counts(JsonNode r) {
        return List.of(r.path("rows").asInt(), r.path("validRows").asInt(), r.path("invalidRows").asInt(), r.path("householdsCreated").asInt(),
                r.path("householdsUpdated").asInt(), r.path("peopleCreated").asInt(), r.path("peopleUpdated").asInt(), r.path("peopleUnchanged").asInt());
    }

    private static List<String> errors(JsonNode r) {
        List<String> out = new ArrayList<>();
        r.path("errors").forEach(e -> out.add(e.path("row").asInt() + "|" + e.path("column").asText() + "|" + e.path("value").asText() + "|"
                + e.path("reason").asText()));
        return out;
    }
}
