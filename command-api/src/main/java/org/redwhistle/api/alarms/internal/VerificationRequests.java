package org.redwhistle.api.alarms.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.alarms.AlarmChanged;
import org.redwhistle.api.alarms.AlarmVerification;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.ingest.commands.DeviceCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The verify step. Perimeter intrusions and gate anomalies ({@code redwhistle.verification.types})
 * are verified with the cameras that see the place: the online cameras covering its point (nearest
 * first, at most {@code redwhistle.verification.cameras}) are sent {@code capture_snapshot} with the
 * alarm's id; their snapshots come back linked to the alarm, are analysed, and
 * {@link VerificationVerdicts} concludes. With no online camera covering the point it is NO_CAMERA.
 * A repeat of an UNVERIFIED or NO_CAMERA alarm asks the cameras again, at most every
 * {@code redwhistle.verification.retry-after}: the climber may be in view now.
 */
@Component
class VerificationRequests {

    private static final Logger log = LoggerFactory.getLogger(VerificationRequests.class);

    private final CameraCoverage cameras;
    private final DeviceCommands commands;
    private final Verifications store;
    private final AlarmQueries queries;
    private final JsonMapper json;
    private final VerificationProperties props;

    VerificationRequests(CameraCoverage cameras, DeviceCommands commands, Verifications store, AlarmQueries queries, JsonMapper json,
            VerificationProperties props) {
        this.cameras = cameras;
        this.commands = commands;
        this.store = store;
        this.queries = queries;
        this.json = json;
        this.props = props;
    }

    /** Asks the cameras if the change calls for it; the alarm as this step left it, if it changed it. */
    Optional<AlarmView> consider(AlarmChanged changed) {
        AlarmView a = changed.alarm();
        if (!props.types().contains(a.type()) || !(changed.created() || changed.repeated() && again(a))) {
            return Optional.empty();
        }
        request(a);
        return queries.find(a.id());
    }

    private boolean again(AlarmView a) {
        if (!AlarmVerification.ASK_AGAIN.contains(a.verification())) {
            return false;
        }
        return store.requestAgain(a.id(), props.retryAfter());
    }

    private void request(AlarmView a) {
        Instant now = Instant.now();
        // every camera that sees the place counts, whichever area it is registered in: scope is for people, not cameras
        List<CameraCoverage.Seen> covering = cameras.covering(a.lon(), a.lat(), area -> true);
        List<String> online = covering.stream().filter(c -> Boolean.TRUE.equals(c.online())).map(CameraCoverage.Seen::deviceId)
                .limit(props.cameras()).toList();
        if (online.isEmpty()) {
            String note = covering.isEmpty() ? "没有摄像机覆盖报警位置"
                    : "覆盖报警位置的摄像机不在线：" + String.join("、", covering.stream().map(CameraCoverage.Seen::deviceId).toList());
            store.requested(a.id(), now);
            store.decide(a.id(), null, AlarmVerification.NO_CAMERA, note, now, false);
            return;
        }
        store.pending(a.id(), online, "请求摄像机抓拍核实：" + String.join("、", online), now, props.timeout());
        List<String> asked = new ArrayList<>();
        for (String camera : online) {
            if (ask(a.id(), camera, "verify " + a.type())) {
                asked.add(camera);
            }
        }
        if (asked.isEmpty()) {
            store.decide(a.id(), AlarmVerification.PENDING, AlarmVerification.UNVERIFIED, "抓拍指令未能发出（平台未连接消息服务器）", now, false);
            return;
        }
        log.info("alarm {} ({}): asked {} for snapshots", a.id(), a.type(), asked);
    }

    /** Sends {@code capture_snapshot} for the alarm; false if it could not be sent. */
    boolean ask(long alarmId, String camera, String reason) {
        try {
            commands.send(camera, CommandType.CAPTURE_SNAPSHOT, json.createObjectNode().put("alarmId", alarmId).put("reason", reason),
                    Verifications.ACTOR);
            return true;
        } catch (RuntimeException e) {
            log.warn("capture_snapshot to {} for alarm {} not sent: {}", camera, alarmId, e.getMessage());
            return false;
        }
    }
}
