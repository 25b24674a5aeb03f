package org.redwhistle.geo.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

class FieldOfViewTest {

    // a camera at the origin looking east (90°) with a 60° view and 100 m range
    private final FieldOfView.Camera east = new FieldOfView.Camera("east", "东", 119.1200, 36.7000, 90, 60, 100);
    private final FieldOfView.Camera north = new FieldOfView.Camera("north", "北", 119.1200, 36.7000, 350, 40, 300);
    private final FieldOfView.Camera dome = new FieldOfView.Camera("dome", "球机", 119.1210, 36.7005, 0, 360, 150);

    private static double lonOffset(double metres) {
        return metres / (111_320 * Math.cos(Math.toRadians(36.7)));
    }

    @Test
    void bearingsAreClockwiseFromNorth() {
        assertThat(FieldOfView.bearingDeg(119.12, 36.70, 119.12, 36.71)).isCloseTo(0, within(1e-6));
        assertThat(FieldOfView.bearingDeg(119.12, 36.70, 119.13, 36.70)).isCloseTo(90, within(0.01));
        assertThat(FieldOfView.bearingDeg(119.12, 36.70, 119.12, 36.69)).isCloseTo(180, within(1e-6));
        assertThat(FieldOfView.bearingDeg(119.12, 36.70, 119.11, 36.70)).isCloseTo(270, within(0.01));
    }

    @Test
    void aPointIsSeenInsideTheSectorAndRangeOnly() {
        List<FieldOfView.Camera> cams = List.of(east);
        assertThat(FieldOfView.covering(cams, 119.12 + lonOffset(50), 36.70)).hasSize(1);          // straight ahead, 50 m
        assertThat(FieldOfView.covering(cams, 119.12 + lonOffset(150), 36.70)).isEmpty();          // too far
        assertThat(FieldOfView.covering(cams, 119.12 - lonOffset(50), 36.70)).isEmpty();           // behind
        // 25° off axis is inside a 60° view, 35° is not
        double r = 50;
        assertThat(FieldOfView.covering(cams, 119.12 + lonOffset(r * Math.cos(Math.toRadians(25))), 36.70 + r * Math.sin(Math.toRadians(25)) / 111_000)).hasSize(1);
        assertThat(FieldOfView.covering(cams, 119.12 + lonOffset(r * Math.cos(Math.toRadians(35))), 36.70 + r * Math.sin(Math.toRadians(35)) / 111_000)).isEmpty();
    }

    @Test
    void aViewAcrossNorthWrapsAndResultsComeNearestFirst() {
        // 350° ± 20°: a point at bearing 5° is seen
        double lat = 36.70 + 200 * Math.cos(Math.toRadians(5)) / 111_000;
        double lon = 119.12 + lonOffset(200 * Math.sin(Math.toRadians(5)));
        assertThat(FieldOfView.covering(List.of(north), lon, lat)).hasSize(1);
        // the dome sees all round; a point 111 m north of the north camera (≈ 97 m from the dome) is seen by both,
        // the east camera looks away; nearest first
        double pLon = 119.1201;
        double pLat = 36.7010;
        var seen = FieldOfView.covering(List.of(north, dome, east), pLon, pLat);
        assertThat(seen).extracting(s -> s.camera().id()).containsExactly("dome", "north");
        assertThat(seen.get(0).distanceM()).isLessThan(seen.get(1).distanceM());
    }
}
