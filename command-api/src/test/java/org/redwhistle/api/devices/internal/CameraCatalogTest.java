package org.redwhistle.api.devices.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import tools.jackson.databind.JsonNode;

/**
 * Issue 22, interconnection: the demo's cameras carry national codes; the GB/T 28181 Catalog export and
 * import round-trip them; bad XML and bad items are refused with their reasons while good items are
 * imported; GB2312 input; the roles that must be refused are.
 */
class CameraCatalogTest extends IntegrationTest {

    private static final Charset GB2312 = Charset.forName("GB2312");

    @AfterEach
    void removeImportedCameras() {
        ownerJdbc().sql("delete from device where id like 'gb-%'").update();
    }

    private static String item(String code, String name, String lon, String lat, String civil) {
        return "<Item>\n<DeviceID>" + code + "</DeviceID>\n<Name>" + name + "</Name>\n<Manufacturer>海康威视</Manufacturer>\n<Model>DS-2CD3T46</Model>\n"
                + "<Owner>松鹤园社区</Owner>\n" + (civil == null ? "" : "<CivilCode>" + civil + "</CivilCode>\n") + "<Address>松鹤园小区</Address>\n"
                + "<Parental>0</Parental>\n<ParentID>37070500002000000009</ParentID>\n<SafetyWay>0</SafetyWay>\n<RegisterWay>1</RegisterWay>\n"
                + "<Secrecy>0</Secrecy>\n<Status>ON</Status>\n" + (lon == null ? "" : "<Longitude>" + lon + "</Longitude>\n<Latitude>" + lat + "</Latitude>\n")
                + "</Item>\n";
    }

    private static byte[] catalog(String encoding, Charset charset, String... items) {
        String doc = "<?xml version=\"1.0\" encoding=\"" + encoding + "\"?>\n<Response>\n<CmdType>Catalog</CmdType>\n<SN>1</SN>\n"
                + "<DeviceID>37070500002000000009</DeviceID>\n<SumNum>" + items.length + "</SumNum>\n<DeviceList Num=\"" + items.length + "\">\n"
                + String.join("", items) + "</DeviceList>\n</Response>\n";
        return doc.getBytes(charset);
    }

    private WebTestClient.ResponseSpec upload(String user, byte[] body, boolean dryRun) {
        return http().post().uri("/api/v1/cameras/catalog?fileName=test.xml" + (dryRun ? "&dryRun=true" : "")).header("Authorization", "Bearer " + token(user))
                .contentType(MediaType.APPLICATION_XML).bodyValue(body).exchange();
    }

    private JsonNode imported(String user, byte[] body, boolean dryRun) {
        return JSON.readTree(upload(user, body, dryRun).expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private byte[] export(String user) {
        return http().get().uri("/api/v1/cameras/catalog.xml").header("Authorization", "Bearer " + token(user)).exchange()
                .expectStatus().isOk().expectHeader().contentType("application/xml;charset=GB2312")
                .expectBody().returnResult().getResponseBody();
    }

    @Test
    void theDemosCamerasCarryNationalCodesNumberedPerArea() {
        // the demo's cameras (cam-01 …); other tests insert cameras of their own straight into the database
        List<JsonNode> demo = getJson("/api/v1/devices?kind=camera", "admin").path("items").valueStream()
                .filter(c -> c.path("id").asText().matches("cam-\\d+")).toList();
        assertThat(demo).isNotEmpty();
        List<String> codes = demo.stream().map(c -> c.path("nationalCode").asText(null)).toList();
        assertThat(codes).doesNotContainNull().doesNotHaveDuplicates();
        // 松鹤园社区 (370705001001): centre 37070501, 社会治安社区接入 01, 网络摄像机 132, network 0, serials from 000001
        assertThat(codes).allSatisfy(c -> assertThat(c).startsWith("37070501011320"));
        assertThat(codes).contains("37070501011320000001");
        JsonNode one = getJson("/api/v1/devices/" + demo.get(0).path("id").asText(), "operator");
        assertThat(one.path("nationalCode").asText()).isEqualTo(codes.get(0));
    }

    @Test
    void exportAndImportRoundTripTheSameCamerasCodesNamesAndPositions() {
        byte[] in = catalog("GB2312", GB2312,
                item("37070501011320000901", "松鹤园东门枪机", "119.1245000", "36.7061000", "370705"),
                item("37070501011310000902", "松鹤园南门球机", "119.1290000", "36.7020000", "37070501"));
        JsonNode first = imported("operator", in, false);
        assertThat(first.path("created").asInt()).isEqualTo(2);
        assertThat(first.path("refused").asInt()).isZero();
        assertThat(first.path("results").get(0).path("device").asText()).isEqualTo("gb-37070501011320000901");

        JsonNode dev = getJson("/api/v1/devices/gb-37070501011320000901", "operator");
        assertThat(dev.path("kind").asText()).isEqualTo("camera");
        assertThat(dev.path("name").asText()).isEqualTo("松鹤园东门枪机");
        assertThat(dev.path("nationalCode").asText()).isEqualTo("37070501011320000901");
        assertThat(dev.path("lon").asDouble()).isEqualTo(119.1245);
        assertThat(dev.path("online").asBoolean()).as("the catalogue's Status is metadata, not state").isFalse();
        assertThat(dev.path("attributes").path("gb28181").path("status").asText()).isEqualTo("ON");
        assertThat(dev.path("attributes").path("gb28181").path("manufacturer").asText()).isEqualTo("海康威视");

        // the export holds the area's cameras, these two among them, as they were imported
        byte[] out = export("operator");
        assertThat(new String(out, 0, 39, StandardCharsets.US_ASCII)).isEqualTo("<?xml version=\"1.0\" encoding=\"GB2312\"?>");
        CatalogXml.Catalog exported = CatalogXml.read(out);
        assertThat(exported.deviceId()).isEqualTo("37070500012000000001");
        Map<String, CatalogItem> byCode = exported.items().stream().collect(Collectors.toMap(CatalogItem::deviceId, i -> i));
        // cameras without a code (other tests insert some straight into the database) are left out of a catalogue
        long inArea = getJson("/api/v1/devices?kind=camera", "operator").path("items").valueStream()
                .filter(c -> !c.path("nationalCode").isMissingNode() && !c.path("nationalCode").isNull()).count();
        assertThat(exported.items()).hasSize((int) inArea);
        assertThat(exported.sumNum()).isEqualTo((int) inArea);
        CatalogItem east = byCode.get("37070501011320000901");
        assertThat(east.name()).isEqualTo("松鹤园东门枪机");
        assertThat(east.longitude()).isEqualTo("119.1245000");
        assertThat(east.latitude()).isEqualTo("36.7061000");
        assertThat(east.manufacturer()).isEqualTo("海康威视");
        assertThat(east.civilCode()).isEqualTo("37070501");
        assertThat(east.parentId()).isEqualTo("37070500012000000001");
        assertThat(east.status()).isEqualTo("OFF");
        assertThat(byCode.get("37070501011310000902").name()).isEqualTo("松鹤园南门球机");

        // the export imported back: every camera found again by its code, none created, none refused
        JsonNode again = imported("operator", out, true);
        assertThat(again.path("dryRun").asBoolean()).isTrue();
        assertThat(again.path("refused").asInt()).isZero();
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("items").asInt()).isEqualTo((int) inArea);
        for (JsonNode r : again.path("results")) {
            String code = r.path("deviceId").asText();
            String id = jdbc.sql("select id from device where national_code = ?").param(code).query(String.class).single();
            assertThat(r.path("device").asText()).isEqualTo(id);
        }
        // written once, a second time changes nothing: names and positions survived the trip
        imported("operator", out, false);
        JsonNode third = imported("operator", export("operator"), false);
        assertThat(third.path("unchanged").asInt()).isEqualTo((int) inArea);
        assertThat(getJson("/api/v1/devices/gb-37070501011320000901", "operator").path("lon").asDouble()).isEqualTo(119.1245);
    }

    @Test
    void badItemsAreRefusedWithTheirDeviceIdAndReasonWhileTheGoodOnesAreImported() {
        byte[] in = catalog("GB2312", GB2312,
                item("37070501011320000911", "好的摄像机", "119.1245", "36.7061", null),
                item("3707050101132000091", "少一位", "119.1245", "36.7061", null),
                item("37070501011320000913", "没有坐标", null, null, null),
                item("37070501011320000914", "奎文门的摄像机", "119.1370", "36.7045", null),
                item("37070501011180000915", "一台录像机", "119.1245", "36.7061", null),
                item("37070502011320000916", "中心编码不符", "119.1245", "36.7061", null),
                item("37070501011320000917", "行政区域不符", "119.1245", "36.7061", "370702"),
                item("37070501011320000911", "重复的编码", "119.1246", "36.7062", null),
                item("37070501011320000919", "不在网格里", "100.0", "30.0", null));
        JsonNode dry = imported("operator", in, true);
        assertThat(dry.path("created").asInt()).isEqualTo(1);
        assertThat(dry.path("refused").asInt()).isEqualTo(8);
        assertThat(jdbc.sql("select count(*) from device where id like 'gb-%'").query(Long.class).single()).as("a dry run writes nothing").isZero();

        JsonNode r = imported("operator", in, false);
        assertThat(r.path("created").asInt()).isEqualTo(1);
        JsonNode results = r.path("results");
        assertThat(results.get(0).path("outcome").asText()).isEqualTo("CREATED");
        assertRefused(results.get(1), "3707050101132000091", "length", "国标编码应为 20 位数字，实为 19 位");
        assertRefused(results.get(2), "37070501011320000913", "coordinates", "缺少经纬度（Longitude/Latitude），无法确定所在网格");
        assertRefused(results.get(3), "37070501011320000914", "outside-area", "位置不在您的辖区内（位于奎文门第一网格）");
        assertRefused(results.get(4), "37070501011180000915", "not-camera", "类型编码“118”（网络视频录像机 NVR）不是摄像机类型（131 摄像机、132 网络摄像机）");
        assertRefused(results.get(5), "37070502011320000916", "centre", "中心编码“37070502”与所在区域“松鹤园社区”（37070501）不符");
        assertRefused(results.get(6), "37070501011320000917", "civil-code", "行政区域 CivilCode“370702”与位置所在区域“松鹤园社区”（37070501）不符");
        assertRefused(results.get(7), "37070501011320000911", "duplicate", "国标编码与第 1 项重复");
        assertRefused(results.get(8), "37070501011320000919", "no-grid", "位置（100.0, 30.0）不在平台的任何网格内");
        assertThat(results.get(3).path("reasonEn").asText()).isEqualTo("the place is outside your area (it lies in 奎文门第一网格)");
        assertThat(jdbc.sql("select name from device where id like 'gb-%'").query(String.class).list()).containsExactly("好的摄像机");
        // the same place is fine for someone whose area holds it (奎文门社区 is 广文街道's too: centre 37070501)
        assertThat(imported("admin", catalog("UTF-8", StandardCharsets.UTF_8, item("37070501021320000914", "奎文门的摄像机", "119.1370", "36.7045", null)), false)
                .path("created").asInt()).isOne();
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'cameras.catalog.imported' and actor = 'operator'").query(Long.class).single())
                .isPositive();
    }

    private static void assertRefused(JsonNode r, String deviceId, String key, String reason) {
        assertThat(r.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(r.path("deviceId").asText()).isEqualTo(deviceId);
        assertThat(r.path("reasonKey").asText()).isEqualTo(key);
        assertThat(r.path("reason").asText()).isEqualTo(reason);
        assertThat(r.path("device").isNull() || r.path("device").isMissingNode()).isTrue();
    }

    @Test
    void badXmlIsRefusedWithTheParsersReasonAndNothingIsWritten() {
        byte[] broken = new String(catalog("UTF-8", StandardCharsets.UTF_8, item("37070501011320000921", "坏文件", "119.1245", "36.7061", null)),
                StandardCharsets.UTF_8).replace("</Name>", "</Nmae>").getBytes(StandardCharsets.UTF_8);
        upload("operator", broken, false).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("file")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).startsWith("line 10, column ").contains("Name"));
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Response [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Response><CmdType>Catalog</CmdType></Response>";
        upload("operator", xxe.getBytes(StandardCharsets.UTF_8), false).expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("DOCTYPE is not allowed"));
        assertThat(jdbc.sql("select count(*) from device where id like 'gb-%'").query(Long.class).single()).isZero();
    }

    @Test
    void rolesWithoutTheCatalogueAreRefused() {
        byte[] in = catalog("GB2312", GB2312, item("37070501011320000931", "越权", "119.1245", "36.7061", null));
        for (String user : List.of("leader", "police-leader", "integrator", "resident")) {
            upload(user, in, false).expectStatus().isForbidden();
        }
        for (String user : List.of("integrator", "resident")) {
            http().get().uri("/api/v1/cameras/catalog.xml").header("Authorization", "Bearer " + token(user)).exchange().expectStatus().isForbidden();
        }
        http().get().uri("/api/v1/cameras/catalog.xml").exchange().expectStatus().isUnauthorized();
        assertThat(jdbc.sql("select count(*) from device where id like 'gb-%'").query(Long.class).single()).isZero();
        // leaders read the catalogue of their area
        assertThat(CatalogXml.read(http().get().uri("/api/v1/cameras/catalog.xml").header("Authorization", "Bearer " + token("leader")).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody()).items()).isNotEmpty();
    }

    @Test
    void onlyAnAdministratorSetsACamerasCodeAndItIsChecked() {
        String id = jdbc.sql("select id from device where kind = 'camera' order by id limit 1").query(String.class).single();
        String was = jdbc.sql("select national_code from device where id = ?").param(id).query(String.class).single();
        String other = jdbc.sql("select national_code from device where kind = 'camera' and id <> ? order by id limit 1").param(id).query(String.class).single();
        try {
            patch("operator", id, "37070501011320000999").expectStatus().isForbidden();
            patch("admin", id, "37070501011180000999").expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("nationalCode")
                    .jsonPath("$.errors[0].message").isEqualTo("type code 118 is not a camera type (131 camera, 132 IP camera)");
            patch("admin", id, "37070502011320000999").expectStatus().isBadRequest().expectBody()
                    .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("does not match the area"));
            patch("admin", id, other).expectStatus().isEqualTo(409).expectBody().jsonPath("$.errors[0].field").isEqualTo("nationalCode");
            patch("admin", id, "37070501011310000999").expectStatus().isOk().expectBody().jsonPath("$.nationalCode").isEqualTo("37070501011310000999");
            assertThat(jdbc.sql("select count(*) from audit_log where action = 'device.edited' and entity_id = ? and detail::text like '%37070501011310000999%'")
                    .param(id).query(Long.class).single()).isOne();
        } finally {
            patch("admin", id, was).expectStatus().isOk();
        }
    }

    private WebTestClient.ResponseSpec patch(String user, String id, String code) {
        return http().patch().uri("/api/v1/devices/" + id).header("Authorization", "Bearer " + token(user)).bodyValue(Map.of("nationalCode", code)).exchange();
    }
}
