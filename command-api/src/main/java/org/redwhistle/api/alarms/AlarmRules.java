package org.redwhistle.api.alarms;

import java.util.Optional;

import org.redwhistle.ingest.pipeline.StoredEvent;

/**
 * Which device events raise which alarms: pure, one event in, at most one alarm candidate out.
 * (Arming schedules, blacklists and restricted areas refine these rules later.)
 */
public final class AlarmRules {

    private AlarmRules() {
    }

    /** An alarm a rule wants raised. */
    public record Candidate(String type, AlarmSeverity severity, String title, StoredEvent event, String zoneId) {
    }

    public static Optional<Candidate> evaluate(StoredEvent e) {
        String zone = e.payload().path("zoneId").asText(null);
        return switch (e.type()) {
            case PERIMETER_INTRUSION -> Optional.of(new Candidate("perimeter.intrusion", AlarmSeverity.HIGH, "周界入侵报警", e, zone));
            case PERIMETER_TAMPER -> Optional.of(new Candidate("perimeter.tamper", AlarmSeverity.MEDIUM, "周界设备防拆报警", e, zone));
            case PERIMETER_FAULT -> Optional.of(new Candidate("perimeter.fault", AlarmSeverity.LOW, "周界设备故障", e, zone));
            case GATE_FORCED -> Optional.of(new Candidate("gate.forced", AlarmSeverity.HIGH, "道闸/门禁被强行闯入", e, null));
            case GATE_TAILGATING -> Optional.of(new Candidate("gate.tailgating", AlarmSeverity.MEDIUM, "尾随通行", e, null));
            case CAMERA_TAMPER -> Optional.of(new Candidate("camera.tamper", AlarmSeverity.MEDIUM, "摄像机遮挡或破坏", e, null));
            case PATROL_SOS -> Optional.of(new Candidate("patrol.sos", AlarmSeverity.CRITICAL, "巡逻队员紧急求助", e, null));
            default -> Optional.empty();
        };
    }
}
