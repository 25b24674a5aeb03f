package org.redwhistle.geo.area.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redwhistle.geo.area.AreaFeature;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.ImportProblem;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every validation rule of an area import, each named with its feature and reason. */
class AreaValidationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A closed counter-clockwise rectangle as GeoJSON coordinates. */
    static String box(double x0, double y0, double x1, double y1) {
        return "[[[" + x0 + "," + y0 + "],[" + x1 + "," + y0 + "],[" + x1 + "," + y1 + "],[" + x0 + "," + y1 + "],[" + x0 + "," + y0 + "]]]";
    }

    static String feature(String level, String code, String parent, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"level\":\"" + level + "\",\"code\":\"" + code + "\",\"name\":\"" + code + "\""
                + (parent == null ? "" : ",\"parent\":\"" + parent + "\"") + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":" + coordinates + "}}";
    }

    static JsonNode collection(String... features) {
        return JSON.readTree("{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
    }

    /** District → street → community with two side-by-side grids; valid as it stands. */
    static String[] village() {
        return new String[] {
            feature("区", "D", null, box(119.0, 36.6, 119.3, 36.8)),
            feature("街道", "S", "D", box(119.1, 36.65, 119.2, 36.75)),
            feature("社区", "C", "S", box(119.12, 36.70, 119.132, 36.709)),
            feature("网格", "C-G1", "C", box(119.12, 36.70, 119.126, 36.709)),
            feature("grid", "C-G2", "C", box(119.126, 36.70, 119.132, 36.709)),
        };
    }

    private static List<ImportProblem> problems(JsonNode doc) {
        GeoJsonAreaParser.Parsed p = GeoJsonAreaParser.parse(doc);
        if (!p.problems().isEmpty()) {
            return p.problems();
        }
        return AreaHierarchyCheck.check(p.features(), Map.of());
    }

    @Test
    void aValidHierarchyPassesWithChineseAndEnglishLevelNames() {
        GeoJsonAreaParser.Parsed p = GeoJsonAreaParser.parse(collection(village()));
        assertThat(p.problems()).isEmpty();
        assertThat(p.features()).extracting(AreaFeature::level)
                .containsExactly(AreaLevel.DISTRICT, AreaLevel.STREET, AreaLevel.COMMUNITY, AreaLevel.GRID, AreaLevel.GRID);
        assertThat(AreaHierarchyCheck.check(p.features(), Map.of())).isEmpty();
    }

    @Test
    void anUnclosedRingIsNamed() {
        String[] f = village();
        f[3] = feature("网格", "C-G1", "C", "[[[119.12,36.70],[119.126,36.70],[119.126,36.709],[119.12,36.709]]]");
        assertThat(problems(collection(f))).containsExactly(new ImportProblem(3, "C-G1",
                "exterior ring is not closed: it starts at (119.12, 36.7) and ends at (119.12, 36.709)"));
    }

    @Test
    void aSelfIntersectingRingIsNamedWithWhereItCrosses() {
        String[] f = village();
        // a bow tie: the edges cross at (119.123, 36.7045)
        f[3] = feature("网格", "C-G1", "C", "[[[119.12,36.70],[119.126,36.709],[119.126,36.70],[119.12,36.709],[119.12,36.70]]]");
        List<ImportProblem> problems = problems(collection(f));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).feature()).isEqualTo(3);
        assertThat(problems.get(0).problem()).startsWith("invalid geometry: ").contains("self-intersection").contains("(119.123, 36.7045)");
    }

    @Test
    void clockwiseExteriorRingsAreTurnedRoundNotRefused() {
        String[] f = village();
        f[3] = feature("网格", "C-G1", "C", "[[[119.12,36.70],[119.12,36.709],[119.126,36.709],[119.126,36.70],[119.12,36.70]]]");
        GeoJsonAreaParser.Parsed p = GeoJsonAreaParser.parse(collection(f));
        assertThat(p.problems()).isEmpty();
        AreaFeature g1 = p.features().get(3);
        assertThat(g1.windingCorrected()).isTrue();
        assertThat(org.locationtech.jts.algorithm.Orientation.isCCW(((org.locationtech.jts.geom.Polygon) g1.geometry().getGeometryN(0))
                .getExteriorRing().getCoordinates())).isTrue();
        assertThat(p.features().get(4).windingCorrected()).isFalse();
        assertThat(AreaHierarchyCheck.check(p.features(), Map.of())).isEmpty();
    }

    @Test
    void aChildOutsideItsParentIsNamedWithHowMuchLiesOutside() {
        String[] f = village();
        f[4] = feature("网格", "C-G2", "C", box(119.126, 36.70, 119.138, 36.709)); // half of it east of the community
        assertThat(problems(collection(f))).containsExactly(new ImportProblem(4, "C-G2",
                "is not inside its parent C: 50.00 % of its area lies outside"));
    }

    @Test
    void overlappingGridsOfOneCommunityAreNamedButSharedEdgesAreFine() {
        String[] f = village();
        f[4] = feature("网格", "C-G2", "C", box(119.125, 36.70, 119.132, 36.709)); // 0.001° into C-G1
        List<ImportProblem> problems = problems(collection(f));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).feature()).isEqualTo(4);
        assertThat(problems.get(0).problem()).startsWith("overlaps grid C-G1 of the same community C by about ");
        long m2 = Long.parseLong(problems.get(0).problem().replaceAll(".* by about (\\d+) m²", "$1"));
        assertThat(m2).isBetween(80_000L, 90_000L); // 0.001° × 0.009° at 36.7° N ≈ 89 m × 995 m
    }

    @Test
    void coordinatesOutsideChinaAreRefusedAndSwappedLonLatIsCaught() {
        String[] f = village();
        f[3] = feature("网格", "C-G1", "C", box(36.70, 119.12, 36.709, 119.126)); // lat/lon swapped
        List<ImportProblem> problems = problems(collection(f));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).problem()).isEqualTo("exterior ring, position 0 (36.7, 119.12) is outside China "
                + "(lon 73.5–135.1, lat 3.8–53.6; GeoJSON order is [lon, lat])");
    }

    @Test
    void hierarchyMistakesAreNamed() {
        String[] f = village();
        f[3] = feature("网格", "C-G1", "S", box(119.12, 36.70, 119.126, 36.709));   // parent is a street
        f[4] = feature("网格", "C-G2", "NOPE", box(119.126, 36.70, 119.132, 36.709));
        assertThat(problems(collection(f))).containsExactly(
                new ImportProblem(3, "C-G1", "the parent of a grid (网格) must be a community or village (社区/村), but S is a street or town (街道/镇)"),
                new ImportProblem(4, "C-G2", "parent NOPE is neither in this file nor stored"));
        assertThat(problems(collection(village()[0], village()[0]))).containsExactly(new ImportProblem(1, "D", "code D is also used by feature 0"));
    }

    @Test
    void propertyAndGeometryMistakesAreAllReportedPerFeature() {
        JsonNode doc = collection(
                "{\"type\":\"Feature\",\"properties\":{\"level\":\"county-ish\",\"name\":\"x\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[119,36]}}",
                feature("网格", "G", "C", "[[[119.12,36.70],[119.126,\"36.70\"],[119.126,36.709],[119.12,36.70]]]"));
        assertThat(GeoJsonAreaParser.parse(doc).problems()).containsExactly(
                new ImportProblem(0, null, "properties.level must be one of district, street, community, grid (or 区, 街道, 镇, 社区, 村, 网格), got \"county-ish\""),
                new ImportProblem(0, null, "properties.code is required"),
                new ImportProblem(0, null, "geometry must be a Polygon or MultiPolygon, got Point"),
                new ImportProblem(1, "G", "exterior ring, position 1 must be [lon, lat] numbers, got [119.126,\"36.70\"]"));
        assertThat(GeoJsonAreaParser.parse(JSON.readTree("{\"type\":\"Feature\"}")).problems())
                .containsExactly(new ImportProblem(-1, null, "the document must be a GeoJSON FeatureCollection"));
    }

    @Test
    void storedAreasTakePartInTheRules() {
        GeoJsonAreaParser.Parsed p = GeoJsonAreaParser.parse(collection(feature("网格", "C-G3", "C", box(119.125, 36.70, 119.127, 36.705))));
        var geom = GeoJsonAreaParser.parse(collection(village())).features();
        Map<String, AreaHierarchyCheck.Stored> stored = Map.of(
                "C", new AreaHierarchyCheck.Stored(3, AreaLevel.COMMUNITY, "C", "S", geom.get(2).geometry()),
                "C-G1", new AreaHierarchyCheck.Stored(4, AreaLevel.GRID, "C-G1", "C", geom.get(3).geometry()));
        assertThat(AreaHierarchyCheck.check(p.features(), stored)).singleElement()
                .satisfies(x -> assertThat(x.problem()).startsWith("overlaps grid C-G1 of the same community C"));
    }
}
