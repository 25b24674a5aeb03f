package org.redwhistle.geo.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ChineseCoordinatesTest {

    @Test
    void gcj02IsOffsetByHundredsOfMetresInsideChinaAndRoundTrips() {
        var gcj = ChineseCoordinates.wgs84ToGcj02(119.125, 36.705);
        double offsetM = Math.hypot((gcj.lon() - 119.125) * 111_320 * Math.cos(Math.toRadians(36.705)), (gcj.lat() - 36.705) * 111_320);
        assertThat(offsetM).isBetween(100.0, 1000.0);
        var back = ChineseCoordinates.gcj02ToWgs84(gcj.lon(), gcj.lat());
        assertThat(back.lon()).isCloseTo(119.125, within(1e-8));
        assertThat(back.lat()).isCloseTo(36.705, within(1e-8));
    }

    @Test
    void bd09RoundTripsThroughGcj02() {
        var bd = ChineseCoordinates.wgs84ToBd09(119.125, 36.705);
        var back = ChineseCoordinates.bd09ToWgs84(bd.lon(), bd.lat());
        assertThat(back.lon()).isCloseTo(119.125, within(1e-6));
        assertThat(back.lat()).isCloseTo(36.705, within(1e-6));
    }

    @Test
    void outsideChinaGcj02EqualsWgs84() {
        var p = ChineseCoordinates.wgs84ToGcj02(2.35, 48.85);
        assertThat(p.lon()).isEqualTo(2.35);
        assertThat(p.lat()).isEqualTo(48.85);
    }
}
