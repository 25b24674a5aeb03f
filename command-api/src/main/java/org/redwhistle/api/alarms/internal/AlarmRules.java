package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmSeverity;
import java.util.Optional;

import org.redwhistle.ingest.pipeline.StoredEvent;

/**
 * Which device events raise which alarms: pure, one event in, at most one alarm candidate out. What
 * the rules need from outside (the plate watchlist, the armed restricted areas) comes in as {@link Context}.
 * Perimeter intrusions are further gated by their zone's arming (PerimeterGate).
 */
public final class AlarmRules {

    private AlarmRules() {
    }

    /** An alarm a rule wants raised. */
    public record Candidate(String type, AlarmSeverity severity, String title, StoredEvent event, String zoneId) {
    }

    /** What the rules ask of the rest of the platform. */
    public interface Context {
        /** The reason a plate is watched, if it is. */
        Optional<String> watched(String plate);

        /** The code of an armed restricted area covering the point at that time, if any. */
        Optional<String> armedRestrictedArea(double lon, double lat, java.time.Instant at);
    }

    public static Optional<Candidate> evaluate(StoredEvent e) {
        return evaluate(e, new Context() {
            @Override
            public Optional<String> watched(String plate) {
                return Optional.empty();
            }

            @Override
            public Optional<String> armedRestrictedArea(double lon, double lat, java.time.Instant at) {
                return Optional.empty();
            }
        });
    }

    public static Optional<Candidate> evaluate(StoredEvent e, Context ctx) {
        String zone = e.payload().path("zoneId").asText(null);
        if (e.type() == org.redwhistle.devices.contract.EventType.GATE_PASSAGE) {
            String plate = e.payload().path("plate").asText(null);
            Optional<String> why = plate == null ? Optional.empty() : ctx.watched(plate);
            if (why.isPresent()) {
                return Optional.of(new Candidate("gate.watchlist", AlarmSeverity.HIGH, "布控车牌通行：" + plate + "（" + why.get() + "）", e, null));
            }
            if ("denied".equals(e.payload().path("result").asText())) {
                return Optional.of(new Candidate("gate.denied", AlarmSeverity.LOW, "门禁拒绝通行" + (plate == null ? "" : "：" + plate), e, null));
            }
            return Optional.empty();
        }
        if (e.type() == org.redwhistle.devices.contract.EventType.CAMERA_PERSON) {
            return ctx.armedRestrictedArea(e.lon(), e.lat(), e.ts().toInstant())
                    .map(area -> new Candidate("camera.person.restricted", AlarmSeverity.HIGH, "禁区内发现人员", e, area));
        }
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
