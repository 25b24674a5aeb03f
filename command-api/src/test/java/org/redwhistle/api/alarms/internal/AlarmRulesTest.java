package org.redwhistle.api.alarms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.redwhistle.api.alarms.AlarmSeverity;
import org.redwhistle.devices.contract.DeviceKind;
import org.redwhistle.devices.contract.EventType;
import org.redwhistle.ingest.pipeline.StoredEvent;

import tools.jackson.databind.json.JsonMapper;

/**
 * The unconditional alarm rules, now data in the kind files, raise exactly what the code's switch
 * raised before (type, severity, title, zone), plus the video intercom's; every declared severity is
 * an {@link AlarmSeverity}.
 */
class AlarmRulesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Optional<List<Object>> raised(DeviceKind kind, EventType type, String payload) {
        StoredEvent e = new StoredEvent("dev-1", kind, "m-1", type, OffsetDateTime.parse("2026-11-27T02:00:00+08:00"), 119.12, 36.70,
                Optional.empty(), JSON.readTree(payload), Optional.empty());
        return AlarmRules.evaluate(e).map(c -> java.util.Arrays.asList(c.type(), c.severity(), c.title(), c.zoneId()));
    }

    @Test
    void theRulesMovedIntoTheKindFilesRaiseWhatTheyRaisedBefore() {
        String zone = "{\"zoneId\":\"SHY-EAST\"}";
        assertThat(raised(DeviceKind.PERIMETER_ALARM, EventType.PERIMETER_INTRUSION, zone))
                .contains(List.of("perimeter.intrusion", AlarmSeverity.HIGH, "周界入侵报警", "SHY-EAST"));
        assertThat(raised(DeviceKind.PERIMETER_ALARM, EventType.PERIMETER_TAMPER, zone))
                .contains(List.of("perimeter.tamper", AlarmSeverity.MEDIUM, "周界设备防拆报警", "SHY-EAST"));
        assertThat(raised(DeviceKind.PERIMETER_ALARM, EventType.PERIMETER_FAULT, zone))
                .contains(List.of("perimeter.fault", AlarmSeverity.LOW, "周界设备故障", "SHY-EAST"));
        assertThat(raised(DeviceKind.ACCESS_GATE, EventType.GATE_FORCED, zone))
                .contains(java.util.Arrays.asList("gate.forced", AlarmSeverity.HIGH, "道闸/门禁被强行闯入", null));
        assertThat(raised(DeviceKind.ACCESS_GATE, EventType.GATE_TAILGATING, "{}"))
                .contains(java.util.Arrays.asList("gate.tailgating", AlarmSeverity.MEDIUM, "尾随通行", null));
        assertThat(raised(DeviceKind.CAMERA, EventType.CAMERA_TAMPER, "{}"))
                .contains(java.util.Arrays.asList("camera.tamper", AlarmSeverity.MEDIUM, "摄像机遮挡或破坏", null));
        assertThat(raised(DeviceKind.PATROL_TERMINAL, EventType.PATROL_SOS, "{}"))
                .contains(java.util.Arrays.asList("patrol.sos", AlarmSeverity.CRITICAL, "巡逻队员紧急求助", null));
        assertThat(raised(DeviceKind.CAMERA, EventType.CAMERA_MOTION, "{}")).isEmpty();
        assertThat(raised(DeviceKind.PATROL_TERMINAL, EventType.PATROL_CHECKPOINT, "{}")).isEmpty();
        assertThat(raised(DeviceKind.ACCESS_GATE, EventType.DEVICE_HEARTBEAT, "{}")).isEmpty();
        // the contextual gate rule is still code: a denied passage, no watchlist
        assertThat(raised(DeviceKind.ACCESS_GATE, EventType.GATE_PASSAGE, "{\"result\":\"denied\",\"plate\":\"鲁G12345\"}"))
                .contains(java.util.Arrays.asList("gate.denied", AlarmSeverity.LOW, "门禁拒绝通行：鲁G12345", null));
    }

    @Test
    void theIntercomsRulesAndTheDoorHeldThreshold() {
        assertThat(raised(DeviceKind.VIDEO_INTERCOM, EventType.INTERCOM_FORCED, "{}"))
                .contains(java.util.Arrays.asList("intercom.forced", AlarmSeverity.HIGH, "单元门被强行打开", null));
        assertThat(raised(DeviceKind.VIDEO_INTERCOM, EventType.INTERCOM_TAILGATING, "{\"count\":2}"))
                .contains(java.util.Arrays.asList("intercom.tailgating", AlarmSeverity.MEDIUM, "单元门尾随进入", null));
        assertThat(raised(DeviceKind.VIDEO_INTERCOM, EventType.INTERCOM_DOOR_HELD, "{\"openSeconds\":119.9}")).isEmpty();
        assertThat(raised(DeviceKind.VIDEO_INTERCOM, EventType.INTERCOM_DOOR_HELD, "{\"openSeconds\":120}"))
                .contains(java.util.Arrays.asList("intercom.door_held", AlarmSeverity.MEDIUM, "单元门长时间未关", null));
        assertThat(raised(DeviceKind.VIDEO_INTERCOM, EventType.INTERCOM_CALL, "{\"result\":\"missed\"}")).isEmpty();
        // the face watchlist's rule is C2's, through Context.faceWatched; without it a hit raises nothing here
        assertThat(raised(DeviceKind.FACE_GATE, EventType.FACE_PASSAGE, "{\"match\":\"watchlist\",\"personId\":\"WL-0001\"}")).isEmpty();
    }

    @Test
    void everyDeclaredSeverityIsAnAlarmSeverity() {
        DeviceKind.values().forEach(k -> k.spec().alarms().forEach(r ->
                assertThat(AlarmSeverity.valueOf(r.severity())).as(k + " " + r.alarmType()).isNotNull()));
        assertThat(List.of(AlarmSeverity.values()).stream().map(Enum::name))
                .containsExactly("LOW", "MEDIUM", "HIGH", "CRITICAL");
    }
}
