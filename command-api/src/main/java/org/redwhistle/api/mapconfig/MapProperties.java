package org.redwhistle.api.mapconfig;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dashboard's basemaps. {@code offline} (default) needs nothing: our own areas and grids on a
 * plain background. {@code tianditu} (天地图, CGCS2000 ≈ WGS-84) needs a key from
 * console.tianditu.gov.cn. {@code gcj02} takes raster tile URL templates of a GCJ-02 provider
 * (AutoNavi by default); markers are shifted into GCJ-02 so they sit right on its streets.
 *
 * @param basemap      the default for new sessions: offline, tianditu or gcj02 (RW_MAP_BASEMAP)
 * @param tiandituKey  Tianditu browser key (RW_TIANDITU_KEY); tianditu is offered only with one
 * @param gcj02Tiles   GCJ-02 raster tile URL templates with {x} {y} {z} (RW_MAP_GCJ02_TILES, comma-separated)
 */
@ConfigurationProperties("redwhistle.map")
public record MapProperties(String basemap, String tiandituKey, List<String> gcj02Tiles) {

    public MapProperties {
        basemap = basemap == null || basemap.isBlank() ? "offline" : basemap.trim().toLowerCase(java.util.Locale.ROOT);
        gcj02Tiles = gcj02Tiles == null || gcj02Tiles.isEmpty()
                ? List.of("https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
                        "https://webrd02.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}")
                : List.copyOf(gcj02Tiles);
    }
}
