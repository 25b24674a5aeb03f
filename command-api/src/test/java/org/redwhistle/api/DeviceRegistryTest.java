package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.IntegrationTest;

import tools.jackson.databind.JsonNode;

/** Listing with filters, and edits with kind-specific geometry checked and audited. */
class DeviceRegistryTest extends IntegrationTest {

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec patch(String id, Map<String, Object> body) {
        return http().patch().uri("/api/v1/devices/" + id).header("Authorization", "Bearer " + token("operator"))
                .bodyValue(body).exchange();
    }

    @Test
    void filtersByKindStateAndBoundingBox() {
        JsonNode walls = getJson("/api/v1/devices?kind=perimeter_alarm", "operator");
        assertThat(walls.path("items").valueStream().map(d -> d.path("kind").asText())).containsOnly("perimeter_alarm").hasSizeGreaterThanOrEqualTo(4);
        JsonNode east = getJson("/api/v1/devices?bbox=119.131,36.700,119.132,36.709", "operator");
        assertThat(east.path("items").valueStream().map(d -> d.path("id").asText())).contains("wall-01").doesNotContain("wall-02");
        http().get().uri("/api/v1/devices?kind=drone").header("Authorization", "Bearer " + token("operator")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("kind");
    }

    @Test
    void aPerimeterAlarmGuardsALineAndOtherKindsCannot() {
        Map<String, Object> line = Map.of("type", "LineString", "coordinates", List.of(List.of(119.1319, 36.7046), List.of(119.1319, 36.7088)));
        patch("wall-01", Map.of("zone", line)).expectStatus().isOk().expectBody().jsonPath("$.zone.type").isEqualTo("LineString");
        assertThat(jdbc.sql("select geometrytype(zone) from device where id = 'wall-01'").query(String.class).single()).isEqualTo("LINESTRING");

        patch("cam-01", Map.of("zone", line)).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("zone");
        Map<String, Object> bowtie = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(119.12, 36.70), List.of(119.13, 36.71),
                List.of(119.13, 36.70), List.of(119.12, 36.71), List.of(119.12, 36.70))));
        patch("wall-01", Map.of("zone", bowtie)).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("zone")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("Self-intersection"));
    }

    @Test
    void aCamerasFieldOfViewIsChecked() {
        patch("cam-01", Map.of("attributes", Map.of("directionDeg", 135, "fovDeg", 720, "rangeM", 120))).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("attributes.fovDeg");
        patch("cam-01", Map.of("attributes", Map.of("directionDeg", 140, "fovDeg", 95, "rangeM", 110), "name", "西北角高点摄像机（调整）"))
                .expectStatus().isOk().expectBody().jsonPath("$.attributes.fovDeg").isEqualTo(95).jsonPath("$.name").isEqualTo("西北角高点摄像机（调整）");
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'device.edited' and entity_id = 'cam-01'").query(Long.class).single()).isPositive();
    }

    /** Issue 16, finding 3: a device cannot be moved out of the area it was registered for, nor nowhere. */
    @Test
    void aDevicesNewPlaceMustLieInAGridInsideTheEditorsAndItsAreaAndTheDeviceMovesToThatGrid() {
        double[] was = jdbc.sql("select st_x(location), st_y(location) from device where id = 'gate-01'")
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        long grid = jdbc.sql("select area_id from device where id = 'gate-01'").query(Long.class).single();
        try {
            patch("gate-01", Map.of("lon", 0, "lat", 0)).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("lon")
                    .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("not inside any grid"));
            // a point in 奎文门社区, outside the 松鹤园社区 operator's area
            patch("gate-01", Map.of("lon", 119.137, "lat", 36.7045)).expectStatus().isEqualTo(422).expectBody()
                    .jsonPath("$.errors[0].field").isEqualTo("lon")
                    .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("outside your area"));
            assertThat(jdbc.sql("select area_id from device where id = 'gate-01'").query(Long.class).single()).isEqualTo(grid);
            // another grid of the same community: allowed, and the device now belongs to that grid
            long other = jdbc.sql("select id from area where level = 'GRID' and id <> ? and st_covers(geom, st_setsrid(st_makepoint(119.1280, 36.7015), 4326))")
                    .param(grid).query(Long.class).single();
            patch("gate-01", Map.of("lon", 119.1280, "lat", 36.7015)).expectStatus().isOk().expectBody().jsonPath("$.areaId").isEqualTo(other);
            // unreadable GeoJSON for a zone is the client's mistake, not the server's
            patch("wall-01", Map.of("zone", Map.of("type", "LineString", "coordinates", "north"))).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("zone");
        } finally {
            // back where it was, through the API, so every cache of the device follows
            patch("gate-01", Map.of("lon", was[0], "lat", was[1])).expectStatus().isOk().expectBody().jsonPath("$.areaId").isEqualTo(grid);
        }
    }

    /** An edit changes only what it names; a JSON null zone removes the guarded zone; the audit entry lists exactly those changes. */
    @Test
    void anEditChangesOnlyTheFieldsItNamesAndANullZoneRemovesTheGuardedZone() {
        JsonNode before = getJson("/api/v1/devices/wall-02", "operator");
        Map<String, Object> line = Map.of("type", "LineString", "coordinates", List.of(List.of(119.1202, 36.7046), List.of(119.1202, 36.7088)));
        try {
            patch("wall-02", Map.of("zone", line)).expectStatus().isOk().expectBody().jsonPath("$.zone.type").isEqualTo("LineString");
            Map<String, Object> edit = new java.util.HashMap<>();
            edit.put("zone", null);
            edit.put("name", "西墙周界报警（B段，改）");
            patch("wall-02", edit).expectStatus().isOk().expectBody()
                    .jsonPath("$.name").isEqualTo("西墙周界报警（B段，改）")
                    .jsonPath("$.zone").value(z -> assertThat(z).isNull())
                    .jsonPath("$.lon").isEqualTo(before.path("lon").asDouble())
                    .jsonPath("$.state").isEqualTo(before.path("state").asText())
                    .jsonPath("$.attributes.zoneId").isEqualTo(before.path("attributes").path("zoneId").asText());
            assertThat(jdbc.sql("select zone is null from device where id = 'wall-02'").query(Boolean.class).single()).isTrue();
            JsonNode detail = tools.jackson.databind.json.JsonMapper.builder().build().readTree(jdbc.sql(
                    "select detail::text from audit_log where action = 'device.edited' and entity_id = 'wall-02' order by id desc limit 1")
                    .query(String.class).single());
            assertThat(detail.propertyNames()).containsExactlyInAnyOrder("name", "zone");
            assertThat(detail.path("zone").isNull()).isTrue();
        } finally {
            Map<String, Object> back = new java.util.HashMap<>();
            back.put("zone", before.path("zone").isObject() ? before.path("zone") : null);
            back.put("name", before.path("name").asText());
            patch("wall-02", back).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo(before.path("name").asText());
        }
    }
}
