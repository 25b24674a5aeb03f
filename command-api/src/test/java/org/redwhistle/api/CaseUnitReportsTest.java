package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import tools.jackson.databind.JsonNode;

/**
 * The per-unit statistics and the monthly reports over March 2012 (Asia/Shanghai), a month that
 * holds only this test's cases: they are handled now, through the API, then moved into that month
 * whole (every time of a case by the same amount), all closed so that no sweep touches them again.
 * 松鹤园社区 has two cases, one finished after its deadline; 奎文门社区 two, both late, and two
 * supervision orders; 广文街道 itself one order. 区住建局 reported its parts of two late cases in
 * time; 区执法局 reported its part late and sent another back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaseUnitReportsTest extends IntegrationTest {

    private static final String MONTH = "2012-03";
    private static final String PERIOD = "from=2012-02-29T16:00:00Z&to=2012-03-31T16:00:00Z";   // March in Asia/Shanghai
    private static final Instant INSIDE = Instant.parse("2012-03-10T02:00:00Z");
    private static final List<String> HEADERS = List.of("类别", "排名", "单位", "上级单位", "受理量", "办结量", "在办量", "逾期量", "复杂件", "评价数", "响应率",
            "解决率", "满意率", "综合得分", "督办单");

    private long submit(double lon, double lat) {
        return JSON.readTree(http().post().uri("/api/v1/cases").header("Authorization", "Bearer " + token("resident"))
                .bodyValue(Map.of("category", "FACILITY", "description", "楼道灯不亮", "lon", lon, "lat", lat)).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).path("id").asLong();
    }

    private void act(String user, long id, String action, Map<String, Object> body) {
        http().post().uri("/api/v1/cases/" + id + "/" + action).header("Authorization", "Bearer " + token(user)).bodyValue(body).exchange()
                .expectStatus().isOk();
    }

    /** Taken, assigned, reported and evaluated: closed. */
    private void handle(long id, String operator, String handler, String satisfaction) {
        act(operator, id, "take", Map.of());
        act(operator, id, "assign", Map.of("assignee", handler));
        act(handler, id, "report", Map.of("note", "已修复"));
        act("resident", id, "evaluate", Map.of("resolved", true, "satisfaction", satisfaction));
    }

    private long area(String code) {
        return jdbc.sql("select id from area where code = ?").param(code).query(Long.class).single();
    }

    private void supervision(long caseId, String kind, String level, long unit, String at) {
        jdbc.sql("""
                insert into supervision (case_id, kind, deadline, due_at, unit_level, unit_area, area_path, created_at)
                select id, :kind, 'RESOLVE', cast(:at as timestamptz) - interval '1 hour', :level, :unit, area_path, cast(:at as timestamptz)
                from case_file where id = :id""").param("kind", kind).param("level", level).param("unit", unit).param("at", at).param("id", caseId)
                .update();
    }

    /** A department's part in a closed case: reported {@code reportedLate} after its own deadline or before it; or sent back. */
    private void part(long caseId, String department, String status, boolean reportedLate) {
        jdbc.sql("""
                insert into case_assignment (case_id, department_id, lead, status, assigned_at, assigned_by, due_at, reported_at, sent_back_at,
                    sent_back_reason, reroute_due)
                select f.id, d.id, :status <> 'SENT_BACK', :status, f.handled_at - interval '3 hours', 'operator-district',
                    f.handled_at + case when :late then interval '-2 hours' else interval '1 day' end,
                    case when :status = 'REPORTED' then f.handled_at - interval '1 hour' end,
                    case when :status = 'SENT_BACK' then f.handled_at - interval '150 minutes' end,
                    case when :status = 'SENT_BACK' then '不属于本部门职责' end,
                    case when :status = 'SENT_BACK' then f.handled_at end
                from case_file f, department d where f.id = :id and d.code = :department""").param("id", caseId).param("department", department)
                .param("status", status).param("late", reportedLate).update();
    }

    private void departmentOrder(long caseId, String department, String at) {
        jdbc.sql("""
                insert into supervision (case_id, kind, deadline, due_at, unit_level, unit_area, area_path, department_id, created_at)
                select f.id, 'ORDER', 'DEPARTMENT', cast(:at as timestamptz) - interval '1 hour', 'DEPARTMENTS', f.area_path[1], f.area_path, d.id,
                    cast(:at as timestamptz)
                from case_file f, department d where f.id = :id and d.code = :department""").param("id", caseId).param("department", department)
                .param("at", at).update();
    }

    @BeforeAll
    void casesOfMarch2012() {
        long kwm = area("370705001002");
        long street = area("370705001");
        long shyOnTime = submit(119.1250, 36.7020);
        long shyLate = submit(119.1250, 36.7020);
        long kwmLate1 = submit(119.1360, 36.7040);
        long kwmLate2 = submit(119.1360, 36.7040);
        handle(shyOnTime, "operator", "grid1", "SATISFIED");
        handle(shyLate, "operator", "grid1", "SATISFIED");
        handle(kwmLate1, "operator-kwm", "operator-kwm", "SATISFIED");
        handle(kwmLate2, "operator-kwm", "operator-kwm", "BASICALLY_SATISFIED");
        Long[] ids = {shyOnTime, shyLate, kwmLate1, kwmLate2};
        jdbc.sql("""
                with d as (select min(submitted_at) - cast(:inside as timestamptz) shift from case_file where id = any(:ids))
                update case_file set submitted_at = submitted_at - d.shift, accept_due = accept_due - d.shift, resolve_due = resolve_due - d.shift,
                    taken_at = taken_at - d.shift, handled_at = handled_at - d.shift, closed_at = closed_at - d.shift
                from d where id = any(:ids)""").param("inside", java.sql.Timestamp.from(INSIDE)).param("ids", ids).update();
        jdbc.sql("update case_file set resolve_due = handled_at - interval '1 hour' where id = any(:ids)")
                .param("ids", new Long[] {shyLate, kwmLate1, kwmLate2}).update();
        supervision(kwmLate1, "ORDER", "COMMUNITY", kwm, "2012-03-12T10:00:00+08:00");
        supervision(kwmLate2, "ORDER", "COMMUNITY", kwm, "2012-03-13T10:00:00+08:00");
        supervision(kwmLate1, "WARNING", "COMMUNITY", kwm, "2012-03-11T10:00:00+08:00");                 // a warning is no order
        supervision(kwmLate2, "ORDER", "COMMUNITY", kwm, "2012-04-01T00:30:00+08:00");                   // April in Shanghai
        supervision(shyLate, "ORDER", "STREET", street, "2012-03-20T10:00:00+08:00");
        // the departments: 区住建局 reported both its parts in time, though the cases were late; 区执法局 its one part late, and sent one back
        part(kwmLate1, "HOUSING", "REPORTED", false);
        part(kwmLate2, "HOUSING", "REPORTED", false);
        part(shyOnTime, "ENFORCEMENT", "REPORTED", true);
        part(kwmLate1, "ENFORCEMENT", "SENT_BACK", false);
        departmentOrder(kwmLate1, "HOUSING", "2012-03-14T10:00:00+08:00");
        departmentOrder(shyOnTime, "ENFORCEMENT", "2012-04-02T10:00:00+08:00");
    }

    private static JsonNode unit(JsonNode stats, String name) {
        return stats.path("units").valueStream().filter(u -> u.path("name").asText().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void everyStreetAndCommunityHasItsCountsRatesAndOrdersRankedWorstFirst() {
        JsonNode s = getJson("/api/v1/stats/cases/units?" + PERIOD, "leader");
        JsonNode street = unit(s, "广文街道");
        assertThat(street.path("kind").asText()).isEqualTo("STREET");
        assertThat(street.path("kindLabel").asText()).isEqualTo("街道");
        assertThat(street.path("parentName").asText()).isEqualTo("奎文区");
        assertThat(street.path("accepted").asLong()).as("its communities' cases").isEqualTo(4);
        assertThat(street.path("closed").asLong()).isEqualTo(4);
        assertThat(street.path("overdue").asLong()).isEqualTo(3);
        assertThat(street.path("supervisionOrders").asLong()).as("the order to the street itself, not its communities'").isEqualTo(1);
        assertThat(street.path("rank").asInt()).isEqualTo(1);

        JsonNode kwm = unit(s, "奎文门社区");
        JsonNode shy = unit(s, "松鹤园社区");
        assertThat(kwm.path("kindLabel").asText()).isEqualTo("社区");
        assertThat(kwm.path("parentName").asText()).isEqualTo("广文街道");
        assertThat(kwm.path("accepted").asLong()).isEqualTo(2);
        assertThat(kwm.path("overdue").asLong()).isEqualTo(2);
        assertThat(kwm.path("supervisionOrders").asLong()).as("two orders in March; the warning and April's order do not count").isEqualTo(2);
        assertThat(kwm.path("responseRate").asDouble()).isEqualTo(1.0);
        assertThat(kwm.path("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(shy.path("overdue").asLong()).isEqualTo(1);
        assertThat(shy.path("supervisionOrders").asLong()).isZero();
        assertThat(kwm.path("rank").asInt()).as("more overdue ranks first").isEqualTo(1);
        assertThat(shy.path("rank").asInt()).isEqualTo(2);
        JsonNode housing = unit(s, "区住房和城乡建设局");
        JsonNode enforcement = unit(s, "区综合行政执法局");
        assertThat(housing.path("kind").asText()).isEqualTo("DEPARTMENT");
        assertThat(housing.path("kindLabel").asText()).isEqualTo("部门");
        assertThat(housing.path("parentName").asText()).isEqualTo("奎文区");
        assertThat(housing.path("accepted").asLong()).isEqualTo(2);
        assertThat(housing.path("overdue").asLong()).as("its own parts were in time, though the cases were late").isZero();
        assertThat(housing.path("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(housing.path("supervisionOrders").asLong()).isEqualTo(1);
        assertThat(enforcement.path("accepted").asLong()).as("the part it sent back does not count").isEqualTo(1);
        assertThat(enforcement.path("overdue").asLong()).as("its own report came after its deadline").isEqualTo(1);
        assertThat(enforcement.path("supervisionOrders").asLong()).as("April's order").isZero();
        assertThat(enforcement.path("rank").asInt()).isEqualTo(1);
        assertThat(housing.path("rank").asInt()).isEqualTo(2);
        // streets first, then communities, then departments, each kind in rank order
        List<String> kinds = s.path("units").valueStream().map(u -> u.path("kind").asText()).toList();
        assertThat(kinds.lastIndexOf("STREET")).isLessThan(kinds.indexOf("COMMUNITY"));
        assertThat(kinds.lastIndexOf("COMMUNITY")).isLessThan(kinds.indexOf("DEPARTMENT"));
        List<Integer> communityRanks = s.path("units").valueStream().filter(u -> u.path("kind").asText().equals("COMMUNITY"))
                .map(u -> u.path("rank").asInt()).toList();
        assertThat(communityRanks).isEqualTo(IntStream.rangeClosed(1, communityRanks.size()).boxed().toList());

        // the same figures as the per-community answer of /stats/cases, which counts them by another statement
        JsonNode byCommunity = getJson("/api/v1/stats/cases?" + PERIOD, "leader").path("byCommunity").valueStream()
                .filter(c -> c.path("name").asText().equals("松鹤园社区")).findFirst().orElseThrow();
        for (String field : List.of("accepted", "closed", "open", "overdue", "complex", "rated", "responseRate", "resolutionRate", "satisfactionRate",
                "composite")) {
            assertThat(shy.path(field)).as(field).isEqualTo(byCommunity.path(field));
        }
    }

    @Test
    void eachCallerSeesTheUnitsOfTheirOwnArea() {
        assertThat(getJson("/api/v1/stats/cases/units?" + PERIOD, "operator").path("units").valueStream().map(u -> u.path("name").asText()))
                .containsExactly("松鹤园社区");
        JsonNode street = getJson("/api/v1/stats/cases/units?" + PERIOD, "operator-street");
        assertThat(street.path("units").valueStream().map(u -> u.path("name").asText())).contains("广文街道", "松鹤园社区", "奎文门社区");
        assertThat(street.path("units").valueStream().map(u -> u.path("kind").asText())).as("the district's departments are not the street's")
                .doesNotContain("DEPARTMENT");
        JsonNode grid = getJson("/api/v1/stats/cases/units?" + PERIOD, "grid1");
        assertThat(grid.path("units").valueStream().map(u -> u.path("name").asText())).as("a grid worker: their community, their grid's cases")
                .containsExactly("松鹤园社区");
        for (String refused : List.of("resident", "patrol1")) {
            http().get().uri("/api/v1/stats/cases/units?" + PERIOD).header("Authorization", "Bearer " + token(refused)).exchange()
                    .expectStatus().isForbidden();
            http().get().uri("/api/v1/stats/cases/report?month=" + MONTH).header("Authorization", "Bearer " + token(refused)).exchange()
                    .expectStatus().isForbidden();
        }
        // a community operator's report holds its own community only
        String csv = csv(download("month=" + MONTH + "&format=csv", "operator").getResponseBody());
        assertThat(csv.split("\r\n")).hasSize(2);
        assertThat(csv.split("\r\n")[1]).startsWith("社区,1,松鹤园社区,广文街道,");
    }

    private EntityExchangeResult<byte[]> download(String query, String user) {
        return http().get().uri("/api/v1/stats/cases/report?" + query).header("Authorization", "Bearer " + token(user)).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult();
    }

    private static String csv(byte[] body) {
        assertThat(Arrays.copyOf(body, 3)).as("a UTF-8 byte order mark, for Excel").containsExactly(0xEF, 0xBB, 0xBF);
        return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    }

    private static String text(Row row, int column) {
        Cell c = row.getCell(column);
        return c == null ? "" : c.getCellType() == org.apache.poi.ss.usermodel.CellType.NUMERIC ? String.valueOf(c.getNumericCellValue()) : c.getStringCellValue();
    }

    @Test
    void theMonthlyReportIsAWorkbookWithTheUnitsAndTheDefinitions() throws Exception {
        JsonNode kwm = unit(getJson("/api/v1/stats/cases/units?" + PERIOD, "leader"), "奎文门社区");
        EntityExchangeResult<byte[]> r = download("month=" + MONTH, "leader");
        assertThat(r.getResponseHeaders().getContentType().toString()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(r.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).startsWith("attachment;")
                .contains("filename*=UTF-8''" + URLEncoder.encode("诉求统计-2012-03.xlsx", StandardCharsets.UTF_8));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.getResponseBody()))) {
            Sheet units = wb.getSheet("各单位统计");
            assertThat(units).isNotNull();
            assertThat(text(units.getRow(0), 0)).contains("奎文区").contains("2012-03-01 00:00 至 2012-04-01 00:00").contains("生成时间");
            List<String> headers = new ArrayList<>();
            units.getRow(1).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).isEqualTo(HEADERS);
            Row row = IntStream.rangeClosed(2, units.getLastRowNum()).mapToObj(units::getRow).filter(x -> text(x, 2).equals("奎文门社区")).findFirst()
                    .orElseThrow();
            assertThat(text(row, 0)).isEqualTo("社区");
            assertThat(text(row, 3)).isEqualTo("广文街道");
            assertThat(row.getCell(HEADERS.indexOf("排名")).getNumericCellValue()).isEqualTo(kwm.path("rank").asDouble());
            assertThat(row.getCell(HEADERS.indexOf("受理量")).getNumericCellValue()).isEqualTo(kwm.path("accepted").asDouble()).isEqualTo(2.0);
            assertThat(row.getCell(HEADERS.indexOf("逾期量")).getNumericCellValue()).isEqualTo(kwm.path("overdue").asDouble()).isEqualTo(2.0);
            assertThat(row.getCell(HEADERS.indexOf("督办单")).getNumericCellValue()).isEqualTo(kwm.path("supervisionOrders").asDouble());
            Cell satisfaction = row.getCell(HEADERS.indexOf("满意率"));
            assertThat(satisfaction.getNumericCellValue()).isEqualTo(kwm.path("satisfactionRate").asDouble());
            assertThat(satisfaction.getCellStyle().getDataFormatString()).isEqualTo("0.00%");

            Sheet glossary = wb.getSheet("指标说明");
            assertThat(glossary).as("the definitions sheet").isNotNull();
            List<String> terms = new ArrayList<>();
            String response = null;
            for (int i = 1; i <= glossary.getLastRowNum(); i++) {
                terms.add(text(glossary.getRow(i), 0));
                if (text(glossary.getRow(i), 0).equals("响应率")) {
                    response = text(glossary.getRow(i), 1);
                }
            }
            assertThat(terms).containsAll(HEADERS.subList(4, HEADERS.size())).contains("排名");
            assertThat(response).contains("受理时限").contains("撤回");
        }
    }

    @Test
    void theCsvHasTheSameColumnsAndFigures() {
        EntityExchangeResult<byte[]> r = download(PERIOD + "&format=csv", "leader");
        assertThat(r.getResponseHeaders().getContentType().toString()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(r.getResponseHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION))
                .contains(URLEncoder.encode("诉求统计-2012-03-01至2012-03-31.csv", StandardCharsets.UTF_8));
        String[] lines = csv(r.getResponseBody()).split("\r\n");
        assertThat(List.of(lines[0].split(","))).isEqualTo(HEADERS);
        String[] kwm = Arrays.stream(lines).filter(l -> l.contains(",奎文门社区,")).findFirst().orElseThrow().split(",", -1);
        assertThat(kwm[HEADERS.indexOf("受理量")]).isEqualTo("2");
        assertThat(kwm[HEADERS.indexOf("逾期量")]).isEqualTo("2");
        assertThat(kwm[HEADERS.indexOf("督办单")]).isEqualTo("2");
        assertThat(kwm[HEADERS.indexOf("满意率")]).isEqualTo("100.00%");
        assertThat(kwm[HEADERS.indexOf("排名")]).isEqualTo("1");
        assertThat(Arrays.stream(lines).filter(l -> l.startsWith("部门,")).map(l -> l.split(",")[2])).contains("区住房和城乡建设局");
        String[] street = Arrays.stream(lines).filter(l -> l.startsWith("街道,")).findFirst().orElseThrow().split(",", -1);
        assertThat(street[HEADERS.indexOf("单位")]).isEqualTo("广文街道");
        assertThat(street[HEADERS.indexOf("逾期量")]).isEqualTo("3");
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        for (String[] bad : new String[][] {{"month=2012-13", "month"}, {"month=March", "month"}, {"month=2012-03&from=2012-03-01T00:00:00Z", "month"},
                {"month=2012-03&format=pdf", "format"}, {"from=2012-04-01T00:00:00Z&to=2012-03-01T00:00:00Z", "from"}}) {
            http().get().uri("/api/v1/stats/cases/report?" + bad[0]).header("Authorization", "Bearer " + token("leader")).exchange()
                    .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
        http().get().uri("/api/v1/stats/cases/units?from=yesterday").header("Authorization", "Bearer " + token("leader")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("from");
        long shy = area("370705001001");
        http().get().uri("/api/v1/stats/cases/units?areaId=" + shy).header("Authorization", "Bearer " + token("operator-kwm")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("areaId");
    }
}
