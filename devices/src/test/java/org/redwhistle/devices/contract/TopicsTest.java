package org.redwhistle.devices.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void parsesEachDeviceChannel() {
        assertThat(Topics.parse("cc/v1/devices/wall-01/events"))
                .contains(new Topics.DeviceTopic("wall-01", Topics.Channel.EVENTS));
        assertThat(Topics.parse("cc/v1/devices/gate-2/commands/ack"))
                .contains(new Topics.DeviceTopic("gate-2", Topics.Channel.COMMAND_ACKS));
    }

    @Test
    void rejectsTopicsOutsideTheDeviceTree() {
        assertThat(Topics.parse("cc/v1/provision/abc/request")).isEmpty();
        assertThat(Topics.parse("cc/v1/devices/wall-01/unknown")).isEmpty();
        assertThat(Topics.parse("cc/v1/devices//events")).isEmpty();
        assertThat(Topics.parse("cc/v1/devices/+/events")).isEmpty();
    }

    @Test
    void buildsTopicsAndSharedFilters() {
        assertThat(Topics.events("cam-01")).isEqualTo("cc/v1/devices/cam-01/events");
        assertThat(Topics.sharedFilter("ingest", Topics.Channel.EVENTS)).isEqualTo("$share/ingest/cc/v1/devices/+/events");
        assertThatThrownBy(() -> Topics.events("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventTypesKnowWhichKindsMaySendThem() {
        assertThat(EventType.PERIMETER_INTRUSION.allowedFor(DeviceKind.PERIMETER_ALARM)).isTrue();
        assertThat(EventType.PERIMETER_INTRUSION.allowedFor(DeviceKind.CAMERA)).isFalse();
        assertThat(EventType.DEVICE_HEARTBEAT.allowedFor(DeviceKind.ACCESS_GATE)).isTrue();
        assertThat(EventType.fromWire("perimeter.intrusion")).contains(EventType.PERIMETER_INTRUSION);
    }
}
