package org.redwhistle.api.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;

/**
 * The camera catalogue (国标目录) on the dashboard in a real Chromium (dashboard-web/e2e/catalog.e2e.mjs):
 * a camera's 国标编码 in its map popup, the export, and a GB2312 catalogue with two bad items checked in a
 * dry run and imported. Screenshots: command-api/target/screenshots/catalog-*.png.
 */
class CatalogBrowserTest extends IntegrationTest {

    private static String item(String code, String name, String coordinates) {
        return "<Item><DeviceID>" + code + "</DeviceID><Name>" + name + "</Name><Manufacturer>大华</Manufacturer><Model>IPC-HFW</Model>"
                + "<Owner>松鹤园社区</Owner><CivilCode>370705</CivilCode><Address>松鹤园小区北门</Address><Parental>0</Parental>"
                + "<SafetyWay>0</SafetyWay><RegisterWay>1</RegisterWay><Secrecy>0</Secrecy><Status>ON</Status>" + coordinates + "</Item>\n";
    }

    @Test
    void theOperatorReadsACamerasCodeExportsTheCatalogueAndImportsOneWithBadItems() throws Exception {
        // a camera standing alone, so that the click lands on it: other tests provision cameras and walls onto one spot
        var camera = jdbc.sql("""
                select d.national_code, st_x(d.location), st_y(d.location) from device d join area a on a.id = d.area_id
                where d.kind = 'camera' and d.national_code is not null and a.code like '370705001001%'
                  and not exists (select from device o where o.id <> d.id and st_dwithin(o.location::geography, d.location::geography, 30))
                order by d.id limit 1""")
                .query((rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}).single();
        String doc = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<Response><CmdType>Catalog</CmdType><SN>5</SN>"
                + "<DeviceID>37070500002000000009</DeviceID><SumNum>3</SumNum><DeviceList Num=\"3\">\n"
                + item("37070501011320000951", "浏览器导入的摄像机", "<Longitude>119.1255</Longitude><Latitude>36.7075</Latitude>")
                + item("37070501011180000952", "一台录像机", "<Longitude>119.1255</Longitude><Latitude>36.7075</Latitude>")
                + item("37070501011320000953", "没有坐标", "")
                + "</DeviceList></Response>\n";
        Path file = Files.createTempFile("国标目录", ".xml");
        Files.write(file, doc.getBytes(Charset.forName("GB2312")));
        try {
            String output = BrowserScript.run("catalog.e2e.mjs", port, "catalog-e2e.log", Duration.ofMinutes(3),
                    Map.of("RW_E2E_CAMERA_CODE", camera[0], "RW_E2E_CAMERA_LON", camera[1], "RW_E2E_CAMERA_LAT", camera[2],
                            "RW_E2E_CATALOG_FILE", file.toString()));
            assertThat(output).as("the browser test ran:\n" + output).contains("✔ the operator reads a camera's 国标编码");
            for (String name : new String[] {"catalog-popup.png", "catalog-import-dry.png", "catalog-import.png"}) {
                File shot = BrowserScript.SCREENSHOTS.resolve(name).toFile();
                assertThat(shot).as(name).exists();
                assertThat(shot.length()).as(name).isGreaterThan(10_000);
            }
            assertThat(jdbc.sql("select name from device where id like 'gb-%'").query(String.class).list()).containsExactly("浏览器导入的摄像机");
        } finally {
            Files.deleteIfExists(file);
            ownerJdbc().sql("delete from device where id like 'gb-%'").update();
        }
    }
}
