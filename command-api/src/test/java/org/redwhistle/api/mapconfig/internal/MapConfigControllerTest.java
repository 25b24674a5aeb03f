package org.redwhistle.api.mapconfig.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.mapconfig.MapProperties;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MapConfigControllerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode answer(MapProperties props) {
        return JSON.readTree(JSON.writeValueAsString(new MapConfigController(props).map()));
    }

    @Test
    void offersOfflineAndGcj02WithoutATiandituKeyAndNamesTheDefaultInTheFieldTheDashboardReads() {
        JsonNode map = answer(new MapProperties(null, null, null));

        assertThat(map.propertyNames()).containsExactly("default", "basemaps");
        assertThat(map.path("default").asText()).isEqualTo("offline");
        assertThat(map.path("basemaps").findValuesAsString("id")).containsExactly("offline", "gcj02");
        assertThat(map.path("basemaps").get(1).path("crs").asText()).isEqualTo("gcj02");
    }

    @Test
    void offersTiandituWithAKeyAndFallsBackToOfflineForAnUnofferedDefault() {
        JsonNode withKey = answer(new MapProperties("tianditu", "k123", List.of("https://tiles/{z}/{x}/{y}")));
        JsonNode unoffered = answer(new MapProperties("tianditu", null, null));

        assertThat(withKey.path("default").asText()).isEqualTo("tianditu");
        assertThat(withKey.path("basemaps").findValuesAsString("id")).containsExactly("offline", "tianditu", "gcj02");
        assertThat(withKey.path("basemaps").get(1).path("tiles").get(0).asText()).startsWith("https://t0.tianditu.gov.cn/vec_w/").endsWith("&tk=k123");
        assertThat(unoffered.path("default").asText()).isEqualTo("offline");
    }
}
