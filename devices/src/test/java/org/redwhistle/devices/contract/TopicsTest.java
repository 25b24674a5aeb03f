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

    @Test
    void theHandWrittenDeviceIdCheckAgreesWithTheRule() {
        java.util.Random r = new java.util.Random(7);
        String alphabet = "aZ09_.-/+ #中\u0000";
        java.util.List<String> ids = new java.util.ArrayList<>(java.util.List.of("", "a", "-a", "_a", ".a", "a-", "A_.-9", "wall-01",
                "x".repeat(64), "x".repeat(65), "a b", "a/b", "中"));
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(70);
            for (int k = 0; k < len; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            ids.add(b.toString());
        }
        for (String id : ids) {
            assertThat(Topics.isValidDeviceId(id)).as(id).isEqualTo(Topics.DEVICE_ID.matcher(id).matches());
        }
        assertThat(Topics.isValidDeviceId(null)).isFalse();
    }
}
