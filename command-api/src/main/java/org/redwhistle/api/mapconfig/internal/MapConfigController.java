package org.redwhistle.api.mapconfig.internal;

import java.util.ArrayList;
import java.util.List;

import org.redwhistle.api.mapconfig.MapProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonProperty;


/**
 * {@code GET /api/v1/config/map}: the basemaps this installation offers, each with the coordinate
 * system its tiles are drawn in, and the default. The dashboard lets the operator switch between them.
 */
@RestController
@RequestMapping("/api/v1/config")
@EnableConfigurationProperties(MapProperties.class)
public class MapConfigController {

    private final MapProperties props;

    public MapConfigController(MapProperties props) {
        this.props = props;
    }

    /** One basemap: its raster tiles (none for offline) and the coordinate system they are drawn in. */
    public record Basemap(String id, String name, String crs, List<String> tiles, List<String> overlayTiles, String attribution) {
    }

    /** The basemaps offered and the one new sessions start with ({@code default}). */
    public record MapConfig(@JsonProperty("default") String defaultBasemap, List<Basemap> basemaps) {
    }

    @GetMapping("/map")
    public MapConfig map() {
        List<Basemap> maps = new ArrayList<>();
        maps.add(new Basemap("offline", "离线底图（本平台区域与网格）", "wgs84", List.of(), List.of(), "Red Whistle"));
        String key = props.tiandituKey();
        if (key != null && !key.isBlank()) {
            maps.add(new Basemap("tianditu", "天地图", "wgs84", tianditu("vec", key), tianditu("cva", key), "© 天地图 国家地理信息公共服务平台"));
        }
        maps.add(new Basemap("gcj02", "GCJ-02 底图（高德等）", "gcj02", props.gcj02Tiles(), List.of(), "GCJ-02 tiles"));
        String def = maps.stream().anyMatch(m -> m.id().equals(props.basemap())) ? props.basemap() : "offline";
        return new MapConfig(def, maps);
    }

    /** Tianditu's Web-Mercator WMTS layers, spread over its eight hosts. */
    private static List<String> tianditu(String layer, String key) {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            urls.add("https://t" + i + ".tianditu.gov.cn/" + layer + "_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=" + layer
                    + "&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=" + key);
        }
        return urls;
    }
}
