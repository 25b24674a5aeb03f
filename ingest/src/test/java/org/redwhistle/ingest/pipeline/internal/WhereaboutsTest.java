package org.redwhistle.ingest.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.ingest.pipeline.PositionToleranceProperties;
import org.redwhistle.ingest.registry.DeviceState;
import org.redwhistle.ingest.registry.RegisteredDevice;

/** Fixed devices are where they were registered; mobile ones go anywhere inside their area. */
class WhereaboutsTest {

    /** The defaults, as Spring binds them. */
    private final PositionToleranceProperties tolerances = new PositionToleranceProperties(150, 50, 500);
    private static final long SONGHEYUAN = 3;

    private static RegisteredDevice device(DeviceKind kind) {
        // the east wall of 松鹤园社区, 18 m from 奎文门社区
        return new RegisteredDevice("dev-1", kind, 12, 119.1318, 36.7060, DeviceState.ACTIVE, SONGHEYUAN);
    }

    private Whereabouts.Placement place(DeviceKind kind, Double lon, Double lat, boolean inArea) {
        return Whereabouts.place(device(kind), lon, lat, inArea, tolerances.metres(kind));
    }

    @Test
    void anEventWithoutAPositionIsAtTheRegisteredPlace() {
        assertThat(place(DeviceKind.CAMERA, null, null, false)).isEqualTo(new Whereabouts.Placed(119.1318, 36.7060));
        assertThat(place(DeviceKind.PATROL_TERMINAL, null, null, false)).isEqualTo(new Whereabouts.Placed(119.1318, 36.7060));
    }

    @Test
    void aFixedDeviceWithinItsToleranceAndAreaIsWhereItSays() {
        // 222 m along the wall: within a wall alarm's 500 m
        assertThat(place(DeviceKind.PERIMETER_ALARM, 119.1318, 36.7040, true)).isEqualTo(new Whereabouts.Placed(119.1318, 36.7040));
        assertThat(place(DeviceKind.ACCESS_GATE, 119.1316, 36.7061, true)).isEqualTo(new Whereabouts.Placed(119.1316, 36.7061));
    }

    @Test
    void aFixedDeviceBeyondItsToleranceIsPlacedAtItsRegisteredPlaceWithWhatItSaid() {
        Whereabouts.Placement p = place(DeviceKind.CAMERA, 119.1300, 36.7030, true);
        assertThat(p).isInstanceOf(Whereabouts.Relocated.class);
        Whereabouts.Relocated r = (Whereabouts.Relocated) p;
        assertThat(r.lon()).isEqualTo(119.1318);
        assertThat(r.lat()).isEqualTo(36.7060);
        assertThat(r.reported().lon()).isEqualTo(119.1300);
        assertThat(r.reported().lat()).isEqualTo(36.7030);
        assertThat(r.reported().distanceM()).isCloseTo(369.7, within(1.0));
        // 222 m is too far for a gate (50 m), not for a wall alarm (500 m)
        assertThat(place(DeviceKind.ACCESS_GATE, 119.1318, 36.7040, true)).isInstanceOf(Whereabouts.Relocated.class);
    }

    @Test
    void aFixedDeviceReportingFromAnotherAreaIsRelocatedHoweverCloseThePoint() {
        // 30 m east, across the boundary into 奎文门社区: within the tolerance, but not in its area
        Whereabouts.Placement p = place(DeviceKind.PERIMETER_ALARM, 119.13215, 36.7060, false);
        assertThat(p).isInstanceOf(Whereabouts.Relocated.class);
        assertThat(((Whereabouts.Relocated) p).reported().distanceM()).isCloseTo(31.3, within(1.0));
        assertThat(((Whereabouts.Relocated) p).lon()).isEqualTo(119.1318);
    }

    @Test
    void aMobileDeviceGoesAnywhereInItsAreaAndNowhereElse() {
        assertThat(place(DeviceKind.PATROL_TERMINAL, 119.1205, 36.7005, true)).isEqualTo(new Whereabouts.Placed(119.1205, 36.7005));
        assertThat(place(DeviceKind.PATROL_TERMINAL, 119.137, 36.705, false)).isEqualTo(new Whereabouts.OutsideArea(119.137, 36.705));
        assertThat(Whereabouts.outsideReason(119.137, 36.705, "松鹤园社区"))
                .isEqualTo("location 119.137,36.705 is outside the device's area (松鹤园社区)");
    }

    @Test
    void onlyFixedKindsHaveATolerance() {
        assertThat(tolerances.metres(DeviceKind.PATROL_TERMINAL)).isInfinite();
        assertThat(DeviceKind.PATROL_TERMINAL.mobile()).isTrue();
        assertThat(DeviceKind.values().stream().filter(k -> !k.mobile()))
                .containsExactlyInAnyOrder(DeviceKind.CAMERA, DeviceKind.ACCESS_GATE, DeviceKind.PERIMETER_ALARM,
                        DeviceKind.VIDEO_INTERCOM, DeviceKind.FACE_GATE);
    }
}
