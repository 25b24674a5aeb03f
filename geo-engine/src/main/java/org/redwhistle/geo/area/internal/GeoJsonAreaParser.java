package org.redwhistle.geo.area.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.redwhistle.geo.Geometries;
import org.redwhistle.geo.area.AreaFeature;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.ImportProblem;

import tools.jackson.databind.JsonNode;

/**
 * Reads an RFC 7946 FeatureCollection of areas, feature by feature, and reports every problem of
 * a single feature with its index and code: missing or unknown properties, a geometry that is not
 * a (Multi)Polygon, malformed positions, unclosed or too short rings, coordinates outside China,
 * self-intersections and other invalid topology. Rings wound against RFC 7946 (exterior
 * counter-clockwise, holes clockwise) are accepted and turned round.
 */
public final class GeoJsonAreaParser {

    /** China's extent, islands included: 73°33′E–135°05′E, 3°51′N–53°33′N. */
    public static final double MIN_LON = 73.5, MAX_LON = 135.1, MIN_LAT = 3.8, MAX_LAT = 53.6;

    private GeoJsonAreaParser() {
    }

    public record Parsed(List<AreaFeature> features, List<ImportProblem> problems) {
    }

    public static Parsed parse(JsonNode root) {
        List<AreaFeature> features = new ArrayList<>();
        List<ImportProblem> problems = new ArrayList<>();
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").asText())) {
            problems.add(new ImportProblem(-1, null, "the document must be a GeoJSON FeatureCollection"));
            return new Parsed(features, problems);
        }
        JsonNode list = root.path("features");
        if (!list.isArray() || list.isEmpty()) {
            problems.add(new ImportProblem(-1, null, "features must be a non-empty array"));
            return new Parsed(features, problems);
        }
        for (int i = 0; i < list.size(); i++) {
            List<String> own = new ArrayList<>();
            AreaFeature f = feature(i, list.get(i), own);
            String code = list.get(i).path("properties").path("code").isString() ? list.get(i).path("properties").path("code").asText() : null;
            for (String p : own) {
                problems.add(new ImportProblem(i, code, p));
            }
            if (f != null && own.isEmpty()) {
                features.add(f);
            }
        }
        return new Parsed(features, problems);
    }

    private static AreaFeature feature(int index, JsonNode f, List<String> problems) {
        if (!f.isObject() || !"Feature".equals(f.path("type").asText())) {
            problems.add("is not a GeoJSON Feature");
            return null;
        }
        JsonNode props = f.path("properties");
        if (!props.isObject()) {
            problems.add("properties must be an object with level, code, name and (below district level) parent");
            return null;
        }
        Optional<AreaLevel> level = level(props.path("level"));
        if (level.isEmpty()) {
            problems.add("properties.level must be one of district, street, community, grid (or 区, 街道, 镇, 社区, 村, 网格), got "
                    + (props.has("level") ? props.get("level").toString() : "nothing"));
        }
        String code = text(props, "code", 64, true, problems);
        String name = text(props, "name", 128, true, problems);
        String parent = props.has("parent") ? text(props, "parent", 64, false, problems) : text(props, "parentCode", 64, false, problems);
        String duty = text(props, "dutyUnit", 128, false, problems);
        List<AreaFeature.Worker> workers = workers(props.path("workers"), problems);
        boolean[] turned = {false};
        MultiPolygon geom = geometry(f.path("geometry"), problems, turned);
        if (level.isEmpty() || geom == null || !problems.isEmpty()) {
            return null;
        }
        return new AreaFeature(index, level.get(), code, name, parent, duty, workers, geom, turned[0]);
    }

    static Optional<AreaLevel> level(JsonNode v) {
        if (!v.isString()) {
            return Optional.empty();
        }
        return switch (v.asText().trim().toLowerCase(Locale.ROOT)) {
            case "district", "区", "县", "区县" -> Optional.of(AreaLevel.DISTRICT);
            case "street", "town", "街道", "镇", "乡", "乡镇" -> Optional.of(AreaLevel.STREET);
            case "community", "village", "社区", "村" -> Optional.of(AreaLevel.COMMUNITY);
            case "grid", "网格" -> Optional.of(AreaLevel.GRID);
            default -> Optional.empty();
        };
    }

    private static String text(JsonNode props, String field, int max, boolean required, List<String> problems) {
        JsonNode v = props.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add("properties." + field + " is required");
            }
            return null;
        }
        if (!v.isString() || v.asText().isBlank()) {
            problems.add("properties." + field + " must be a non-empty string");
            return null;
        }
        if (v.asText().length() > max) {
            problems.add("properties." + field + " is longer than " + max + " characters");
            return null;
        }
        return v.asText().trim();
    }

    private static List<AreaFeature.Worker> workers(JsonNode v, List<String> problems) {
        List<AreaFeature.Worker> out = new ArrayList<>();
        if (v.isMissingNode() || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            problems.add("properties.workers must be an array of {name, phone}");
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode w = v.get(i);
            if (!w.path("name").isString() || w.path("name").asText().isBlank()) {
                problems.add("properties.workers[" + i + "].name is required");
                continue;
            }
            String phone = w.path("phone").isString() ? w.path("phone").asText() : null;
            out.add(new AreaFeature.Worker(w.path("name").asText(), phone));
        }
        return out;
    }

    private static MultiPolygon geometry(JsonNode g, List<String> problems, boolean[] turned) {
        if (!g.isObject()) {
            problems.add("geometry is required");
            return null;
        }
        String type = g.path("type").asText();
        JsonNode coords = g.path("coordinates");
        List<JsonNode> polygons = new ArrayList<>();
        if ("Polygon".equals(type)) {
            polygons.add(coords);
        } else if ("MultiPolygon".equals(type) && coords.isArray() && !coords.isEmpty()) {
            coords.forEach(polygons::add);
        } else if ("MultiPolygon".equals(type)) {
            problems.add("geometry.coordinates of a MultiPolygon must hold at least one polygon");
            return null;
        } else {
            problems.add("geometry must be a Polygon or MultiPolygon, got " + (type.isEmpty() ? "nothing" : type));
            return null;
        }
        int before = problems.size();
        Polygon[] out = new Polygon[polygons.size()];
        for (int p = 0; p < polygons.size(); p++) {
            String where = polygons.size() > 1 ? "polygon " + p + ", " : "";
            JsonNode rings = polygons.get(p);
            if (!rings.isArray() || rings.isEmpty()) {
                problems.add(where + "a polygon needs at least its exterior ring");
                continue;
            }
            LinearRing shell = null;
            LinearRing[] holes = new LinearRing[rings.size() - 1];
            for (int r = 0; r < rings.size(); r++) {
                Coordinate[] c = ring(rings.get(r), where + (r == 0 ? "exterior ring" : "hole " + r), problems);
                if (c == null) {
                    continue;
                }
                // RFC 7946 §3.1.6: exterior rings counter-clockwise, holes clockwise
                boolean ccw = Orientation.isCCW(c);
                if (ccw != (r == 0)) {
                    reverse(c);
                    turned[0] = true;
                }
                LinearRing ring = Geometries.WGS84.createLinearRing(c);
                if (r == 0) {
                    shell = ring;
                } else {
                    holes[r - 1] = ring;
                }
            }
            if (problems.size() == before) {
                out[p] = Geometries.WGS84.createPolygon(shell, holes);
            }
        }
        if (problems.size() > before) {
            return null;
        }
        MultiPolygon mp = Geometries.WGS84.createMultiPolygon(out);
        TopologyValidationError err = new IsValidOp(mp).getValidationError();
        if (err != null) {
            Coordinate c = err.getCoordinate();
            problems.add("invalid geometry: " + err.getMessage().toLowerCase(Locale.ROOT)
                    + (c == null ? "" : " at (" + round(c.x) + ", " + round(c.y) + ")"));
            return null;
        }
        return mp;
    }

    private static Coordinate[] ring(JsonNode ring, String where, List<String> problems) {
        if (!ring.isArray()) {
            problems.add(where + " must be an array of positions");
            return null;
        }
        Coordinate[] c = new Coordinate[ring.size()];
        for (int i = 0; i < ring.size(); i++) {
            JsonNode pos = ring.get(i);
            if (!pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()
                    || !Double.isFinite(pos.get(0).asDouble()) || !Double.isFinite(pos.get(1).asDouble())) {
                problems.add(where + ", position " + i + " must be [lon, lat] numbers, got " + pos);
                return null;
            }
            double lon = pos.get(0).asDouble();
            double lat = pos.get(1).asDouble();
            if (lon < MIN_LON || lon > MAX_LON || lat < MIN_LAT || lat > MAX_LAT) {
                problems.add(where + ", position " + i + " (" + lon + ", " + lat + ") is outside China (lon " + MIN_LON + "–" + MAX_LON
                        + ", lat " + MIN_LAT + "–" + MAX_LAT + "; GeoJSON order is [lon, lat])");
                return null;
            }
            c[i] = new Coordinate(lon, lat);
        }
        if (c.length < 4) {
            problems.add(where + " has " + c.length + " positions; a closed ring needs at least 4");
            return null;
        }
        if (!c[0].equals2D(c[c.length - 1])) {
            problems.add(where + " is not closed: it starts at (" + c[0].x + ", " + c[0].y + ") and ends at ("
                    + c[c.length - 1].x + ", " + c[c.length - 1].y + ")");
            return null;
        }
        return c;
    }

    private static void reverse(Coordinate[] c) {
        for (int i = 0, j = c.length - 1; i < j; i++, j--) {
            Coordinate t = c[i];
            c[i] = c[j];
            c[j] = t;
        }
    }

    private static double round(double v) {
        return Math.round(v * 1e7) / 1e7;
    }
}
