package org.redwhistle.api.alarms.internal;

import org.redwhistle.api.alarms.AlarmSeverity;
import java.util.Optional;

import org.redwhistle.devices.contract.EventType;
import org.redwhistle.ingest.pipeline.StoredEvent;

/**
 * Which device events raise which alarms: pure, one event in, at most one alarm candidate out. Two
 * sorts of rule:
 * <ul>
 * <li>contextual rules, here in code, that need the rest of the platform (the plate watchlist, the
 * armed restricted areas; the face watchlist, see {@link Context#faceWatched}), which comes in as
 * {@link Context};</li>
 * <li>unconditional rules, declared as data in the kind files ({@code "alarms"} of
 * {@code org/redwhistle/devices/kinds/<kind>.json}, see docs/device-kinds.md): an event of a type,
 * optionally past a threshold of one field, raises an alarm of a type, severity and title.</li>
 * </ul>
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

        /**
         * The police's open face-watchlist entry for a person id a face gate matched ({@code face.passage}'s
         * personId), if it applies where and when the event happened (the crossing's area chain).
         */
        default Optional<org.redwhistle.api.faces.WatchedFace> faceWatched(String personId, StoredEvent at) {
            return Optional.empty();
        }
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
        if (e.type() == EventType.GATE_PASSAGE) {
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
        if (e.type() == EventType.CAMERA_PERSON) {
            return ctx.armedRestrictedArea(e.lon(), e.lat(), e.ts().toInstant())
                    .map(area -> new Candidate("camera.person.restricted", AlarmSeverity.HIGH, "禁区内发现人员", e, area));
        }
        if (e.type() == EventType.FACE_PASSAGE) {
            return faceWatchlist(e, ctx);
        }
        return declared(e);
    }

    /**
     * A face gate matched a person on the police's watchlist of the crossing's area: {@code face.watchlist}, one alarm
     * per person (the person id is its zone reference, so two watched people at one gate are two alarms). A match
     * whose id is not (or no longer) on the platform's list raises nothing: the passage is recorded only.
     */
    private static Optional<Candidate> faceWatchlist(StoredEvent e, Context ctx) {
        String personId = e.payload().path("personId").asText(null);
        if (!"watchlist".equals(e.payload().path("match").asText()) || personId == null) {
            return Optional.empty();
        }
        return ctx.faceWatched(personId, e).map(w -> new Candidate("face.watchlist", AlarmSeverity.HIGH,
                "人脸布控人员通行：" + w.alias() + "（" + w.reason() + "）", e, personId));
    }

    /** The first alarm rule of the event's kind file that the event raises. */
    static Optional<Candidate> declared(StoredEvent e) {
        return e.kind().spec().alarmFor(e.type(), e.payload()).map(rule -> new Candidate(rule.alarmType(),
                AlarmSeverity.valueOf(rule.severity()), rule.title(), e, rule.zone(e.payload())));
    }
}
