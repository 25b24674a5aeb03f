package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.redwhistle.geo.crs.ChineseCoordinates;
import org.redwhistle.testing.IntegrationTest;
import org.springframework.http.MediaType;

import tools.jackson.databind.JsonNode;

/**
 * GeoJSON import (all or nothing, every problem named), export that re-imports as is, and
 * {@code /geo/locate} from the in-memory index, which follows changes made by other instances.
 * The areas here lie in 历下区 (Jinan), far from the demo village, with their own codes.
 */
class AreaImportAndLocateTest extends IntegrationTest {

    static String box(double x0, double y0, double x1, double y1) {
        return "[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],[" + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]]";
    }

    static String feature(String level, String code, String parent, String extra, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"level\":\"" + level + "\",\"code\":\"" + code + "\",\"name\":\"" + code + "\""
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"") + extra + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + coordinates + "}}";
    }

    static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private String jinan(String prefix) {
        return collection(
                feature("区", prefix + "D", null, ",\"dutyUnit\":\"历下区社会治理服务中心\"", box(117.00, 36.62, 117.10, 36.70)),
                feature("街道", prefix + "S", prefix + "D", "", box(117.02, 36.64, 117.08, 36.68)),
                feature("社区", prefix + "C", prefix + "S", ",\"dutyUnit\":\"甸柳社区综治中心\"", box(117.03, 36.65, 117.05, 36.67)),
                feature("网格", prefix + "G1", prefix + "C", ",\"workers\":[{\"name\":\"网格员 韩\",\"phone\":\"13800000001\"}]",
                        box(117.03, 36.65, 117.04, 36.67)),
                feature("网格", prefix + "G2", prefix + "C", "", box(117.04, 36.65, 117.05, 36.67)));
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec importAs(String user, String body) {
        return http().post().uri("/api/v1/areas/import").header("Authorization", "Bearer " + token(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private long areaCount() {
        return jdbc.sql("select count(*) from area").query(Long.class).single();
    }

    @Test
    void anImportedHierarchyIsLocatedWithItsPeopleInEveryCoordinateSystem() {
        importAs("admin", jinan("JN1-")).expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(5).jsonPath("$.updated").isEqualTo(0);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'areas.import'").query(Long.class).single()).isPositive();

        JsonNode located = getJson("/api/v1/geo/locate?lon=117.035&lat=36.66", "admin");
        assertThat(located.path("found").asBoolean()).isTrue();
        assertThat(located.path("chain").valueStream().map(l -> l.path("code").asText())).containsExactly("JN1-G1", "JN1-C", "JN1-S", "JN1-D");
        assertThat(located.path("chain").get(1).path("dutyUnit").asText()).isEqualTo("甸柳社区综治中心");
        assertThat(located.path("gridWorkers").get(0).path("name").asText()).isEqualTo("网格员 韩");
        assertThat(located.path("gridWorkers").get(0).path("phone").asText()).isEqualTo("13800000001");

        // the same place as a WeChat (GCJ-02) and a Baidu (BD-09) client would send it
        ChineseCoordinates.LonLat gcj = ChineseCoordinates.wgs84ToGcj02(117.0395, 36.66);
        JsonNode viaGcj = getJson("/api/v1/geo/locate?lon=" + gcj.lon() + "&lat=" + gcj.lat() + "&crs=gcj02", "admin");
        assertThat(viaGcj.path("chain").get(0).path("code").asText()).isEqualTo("JN1-G1");
        assertThat(viaGcj.path("wgs84").path("lon").asDouble()).isCloseTo(117.0395, org.assertj.core.data.Offset.offset(1e-7));
        ChineseCoordinates.LonLat bd = ChineseCoordinates.wgs84ToBd09(117.0405, 36.66);
        assertThat(getJson("/api/v1/geo/locate?lon=" + bd.lon() + "&lat=" + bd.lat() + "&crs=bd09", "admin")
                .path("chain").get(0).path("code").asText()).isEqualTo("JN1-G2");
        // uncorrected, the GCJ-02 coordinates would land in the neighbouring grid: the offset matters
        assertThat(getJson("/api/v1/geo/locate?lon=" + gcj.lon() + "&lat=" + gcj.lat(), "admin")
                .path("chain").get(0).path("code").asText()).isEqualTo("JN1-G2");

        // outside the caller's area the chain is named, its people are not
        JsonNode foreign = getJson("/api/v1/geo/locate?lon=117.035&lat=36.66", "operator");
        assertThat(foreign.path("inScope").asBoolean()).isFalse();
        assertThat(foreign.path("gridWorkers")).isEmpty();
        assertThat(foreign.path("chain").get(1).path("dutyUnit").isNull()).isTrue();
        // the demo village's own grid worker account is listed for its grid
        assertThat(getJson("/api/v1/geo/locate?lon=119.121&lat=36.708", "operator").path("gridWorkers").valueStream()
                .map(w -> w.path("username").asText())).contains("grid1");

        assertThat(getJson("/api/v1/geo/locate?lon=100.0&lat=20.0", "admin").path("found").asBoolean()).isFalse();
        http().get().uri("/api/v1/geo/locate?lon=117&lat=36.6&crs=utm").header("Authorization", "Bearer " + token("admin")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("crs");
        http().get().uri("/api/v1/geo/locate?lat=36.6").header("Authorization", "Bearer " + token("admin")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lon");
    }

    @Test
    void oneBadFeatureRefusesTheWholeImportAndEveryProblemIsNamed() {
        long before = areaCount();
        String body = collection(
                feature("区", "JN2-D", null, "", box(117.00, 36.62, 117.10, 36.70)),
                feature("街道", "JN2-S", "JN2-D", "", box(117.02, 36.64, 117.08, 36.68)),
                feature("社区", "JN2-C", "JN2-S", "", box(117.03, 36.65, 117.05, 36.67)),
                feature("网格", "JN2-G1", "JN2-C", "", "[[[117.03,36.65],[117.04,36.65],[117.04,36.67],[117.03,36.67]]]"),
                feature("网格", "JN2-G2", "JN2-C", "", box(117.04, 36.65, 117.06, 36.67)));
        importAs("admin", body).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.title").isEqualTo("Import refused")
                .jsonPath("$.errors[0].field").isEqualTo("features[3]")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).startsWith("JN2-G1: exterior ring is not closed"));
        assertThat(areaCount()).as("nothing of a refused import is stored").isEqualTo(before);

        String outside = collection(
                feature("区", "JN2-D", null, "", box(117.00, 36.62, 117.10, 36.70)),
                feature("街道", "JN2-S", "JN2-D", "", box(117.02, 36.64, 117.08, 36.68)),
                feature("社区", "JN2-C", "JN2-S", "", box(117.03, 36.65, 117.05, 36.67)),
                feature("网格", "JN2-G1", "JN2-C", "", box(117.03, 36.65, 117.045, 36.67)),
                feature("网格", "JN2-G2", "JN2-C", "", box(117.04, 36.65, 117.06, 36.67)));
        importAs("admin", outside).expectStatus().isEqualTo(422).expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("features[4]")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).isEqualTo("JN2-G2: is not inside its parent JN2-C: 50.00 % of its area lies outside"))
                .jsonPath("$.errors[1].message").value(m -> assertThat((String) m).startsWith("JN2-G2: overlaps grid JN2-G1 of the same community JN2-C"));
        assertThat(areaCount()).isEqualTo(before);

        importAs("operator", jinan("JN3-")).expectStatus().isForbidden();
        importAs("admin", "{\"type\":\"FeatureCollection\",\"features\":[]}").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
    }

    @Test
    void anExportReimportsAsIsAndAnEditIsPickedUpByTheIndex() {
        importAs("admin", jinan("JN4-").replace("117.0", "116.9")).expectStatus().isOk();
        JsonNode tree = JSON.readTree(http().get().uri("/api/v1/areas/" + areaId("JN4-D")).header("Authorization", "Bearer " + token("admin"))
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(tree.path("features")).hasSize(5);
        importAs("admin", tree.toString()).expectStatus().isOk().expectBody()
                .jsonPath("$.created").isEqualTo(0).jsonPath("$.updated").isEqualTo(5);

        assertThat(getJson("/api/v1/geo/locate?lon=116.945&lat=36.66", "admin").path("chain").get(0).path("code").asText()).isEqualTo("JN4-G2");
        // another instance (here: plain SQL) moves the border between the grids; this instance follows within its refresh interval
        jdbc.sql("update area set geom = st_multi(st_makeenvelope(116.93, 36.65, 116.95, 36.67, 4326)) where code = 'JN4-G1'").update();
        jdbc.sql("update area set geom = st_multi(st_makeenvelope(116.95, 36.65, 116.95 + 0.00001, 36.67, 4326)) where code = 'JN4-G2'").update();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                getJson("/api/v1/geo/locate?lon=116.945&lat=36.66", "admin").path("chain").get(0).path("code").asText()).isEqualTo("JN4-G1"));
    }

    private long areaId(String code) {
        return jdbc.sql("select id from area where code = ?").param(code).query(Long.class).single();
    }
}
