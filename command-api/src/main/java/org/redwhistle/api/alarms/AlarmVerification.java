package org.redwhistle.api.alarms;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.CameraCoverage;
import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.ingest.analytics.SnapshotAnalysed;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.redwhistle.ingest.commands.DeviceCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies perimeter intrusions and gate anomalies with the cameras that see the place: when such
 * an alarm is raised, the online cameras covering its point (nearest first, at most
 * {@code redwhistle.verification.cameras}) are sent {@code capture_snapshot} with the alarm's id;
 * their snapshots come back linked to the alarm and are analysed by OpenCV. A person seen makes the
 * alarm VERIFIED at once: severity one step up, the auto-dispatch policy applied to the new
 * severity, and the dashboard proposes dispatch. A camera whose snapshot shows nobody is asked again,
 * up to {@code redwhistle.verification.looks} (2) snapshots, since the detector misses a person now and
 * then. When every asked camera answered with nobody in view, or none answered within {@code redwhistle.verification.timeout}, it is UNVERIFIED (a person
 * seen later still verifies it). With no online camera covering the point it is NO_CAMERA. A repeat
 * of an UNVERIFIED or NO_CAMERA alarm asks the cameras again, at most every
 * {@code redwhistle.verification.retry-after} (30 s). Each step is in the alarm's timeline and the
 * audit log, and pushed.
 */
@Service
public class AlarmVerification {

    private static final Logger log = LoggerFactory.getLogger(AlarmVerification.class);
    static final String ACTOR = "system:verification";

    private final ClusterJobs jobs;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CameraCoverage cameras;
    private final DeviceCommands commands;
    private final AlarmQueries queries;
    private final AlarmWorkflow workflow;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final List<String> types;
    private final Duration timeout;
    private final int maxCameras;
    private final int looks;
    private final Duration retryAfter;

    public AlarmVerification(JdbcClient jdbc, TransactionTemplate tx, CameraCoverage cameras, DeviceCommands commands, AlarmQueries queries,
            AlarmWorkflow workflow, AuditLog audit, ApplicationEventPublisher events, JsonMapper json,
            @Value("${redwhistle.verification.types:perimeter.intrusion,gate.forced,gate.tailgating}") List<String> types,
            @Value("${redwhistle.verification.timeout:15s}") Duration timeout,
            @Value("${redwhistle.verification.cameras:3}") int maxCameras,
            @Value("${redwhistle.verification.looks:2}") int looks,
            @Value("${redwhistle.verification.retry-after:30s}") Duration retryAfter, ClusterJobs jobs) {
        this.jobs = jobs;
        this.looks = looks;
        this.retryAfter = retryAfter;
        this.jdbc = jdbc;
        this.tx = tx;
        this.cameras = cameras;
        this.commands = commands;
        this.queries = queries;
        this.workflow = workflow;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.types = types;
        this.timeout = timeout;
        this.maxCameras = maxCameras;
    }

    @EventListener
    public void on(AlarmChanged changed) {
        AlarmView a = changed.alarm();
        if (!types.contains(a.type()) || !(changed.created() || changed.repeated() && again(a))) {
            return;
        }
        try {
            request(a);
        } catch (RuntimeException e) {
            log.error("verification of alarm {} could not start: {}", a.id(), e.toString());
        }
    }

    /**
     * A repeat of an alarm the cameras did not confirm (nobody seen, no camera then) asks them again:
     * the climber may be in view now. At most every {@code retry-after}.
     */
    private boolean again(AlarmView a) {
        if (!"UNVERIFIED".equals(a.verification()) && !"NO_CAMERA".equals(a.verification())) {
            return false;
        }
        return jdbc.sql("""
                update alarm set verification_requested_at = now()
                where id = ? and (verification_requested_at is null or verification_requested_at < now() - cast(? as interval))""")
                .params(a.id(), retryAfter.toSeconds() + " seconds").update() == 1;
    }

    private void request(AlarmView a) {
        Instant now = Instant.now();
        // every camera that sees the place counts, whichever area it is registered in: scope is for people, not cameras
        List<CameraCoverage.Seen> covering = cameras.covering(a.lon(), a.lat(), area -> true);
        List<String> online = covering.stream().filter(c -> Boolean.TRUE.equals(c.online())).map(CameraCoverage.Seen::deviceId)
                .limit(maxCameras).toList();
        if (online.isEmpty()) {
            String note = covering.isEmpty() ? "没有摄像机覆盖报警位置"
                    : "覆盖报警位置的摄像机不在线：" + String.join("、", covering.stream().map(CameraCoverage.Seen::deviceId).toList());
            jdbc.sql("update alarm set verification_requested_at = ? where id = ?").params(Timestamp.from(now), a.id()).update();
            decide(a.id(), null, "NO_CAMERA", note, now, false);
            return;
        }
        // pending first: a fast camera's answer must find the alarm waiting for it
        String note = "请求摄像机抓拍核实：" + String.join("、", online);
        tx.executeWithoutResult(s -> {
            jdbc.sql("""
                    update alarm set verification = 'PENDING', verification_due = ?, verification_note = ?, verification_requested_at = ?,
                        version = version + 1 where id = ?""")
                    .params(Timestamp.from(now.plus(timeout)), note, Timestamp.from(now), a.id()).update();
            workflow.event(a.id(), ACTOR, "verify-request", AlarmStatus.valueOf(workflow.current(a.id())), note, now);
            audit.record(AuditLog.SYSTEM, "alarm.verify-request", "alarm", String.valueOf(a.id()), note, Map.of("cameras", online));
        });
        List<String> asked = new ArrayList<>();
        for (String camera : online) {
            if (ask(a.id(), camera, "verify " + a.type())) {
                asked.add(camera);
            }
        }
        if (asked.isEmpty()) {
            decide(a.id(), "PENDING", "UNVERIFIED", "抓拍指令未能发出（平台未连接消息服务器）", now, false);
            return;
        }
        log.info("alarm {} ({}): asked {} for snapshots", a.id(), a.type(), asked);
        publish(a.id());
    }

    /** A snapshot linked to an alarm was analysed: a person verifies it; all asked cameras seeing nobody leaves it unverified. */
    @EventListener
    public void on(SnapshotAnalysed s) {
        if (s.alarmId() == null) {
            return;
        }
        try {
            String state = jdbc.sql("select verification from alarm where id = ?").param(s.alarmId()).query(String.class).optional().orElse(null);
            if (!"PENDING".equals(state) && !"UNVERIFIED".equals(state)) {
                return;
            }
            Instant now = Instant.now();
            if (s.people() > 0) {
                String note = "摄像机 " + s.deviceId() + " 抓拍发现 " + s.people() + " 人（置信 " + Math.round(s.personScore() * 10) / 10.0
                        + "，快照 #" + s.snapshotId() + "）";
                if (decide(s.alarmId(), state, "VERIFIED", note, now, true)) {
                    queries.find(s.alarmId()).ifPresent(v -> workflow.autoDispatch(v, "核实后自动派警（" + v.severity() + "）"));
                }
                return;
            }
            if ("PENDING".equals(state)) {
                // HOG misses a person now and then (turned away, half hidden): a camera that saw nobody takes another look
                long looked = jdbc.sql("select count(*) from snapshot where alarm_id = ? and device_id = ? and cmd_id is not null")
                        .params(s.alarmId(), s.deviceId()).query(Long.class).single();
                if (s.error() == null && looked < looks && ask(s.alarmId(), s.deviceId(), "look " + (looked + 1))) {
                    return;
                }
                long asked = jdbc.sql("""
                        select count(*) from device_command where command = 'capture_snapshot' and requested_by = ? and args->>'alarmId' = ?""")
                        .params(ACTOR, String.valueOf(s.alarmId())).query(Long.class).single();
                long answered = jdbc.sql("select count(*) from snapshot where alarm_id = ? and cmd_id is not null and analysed_at is not null")
                        .param(s.alarmId()).query(Long.class).single();
                if (answered >= asked) {
                    long cams = jdbc.sql("select count(distinct device_id) from snapshot where alarm_id = ? and cmd_id is not null").param(s.alarmId())
                            .query(Long.class).single();
                    decide(s.alarmId(), "PENDING", "UNVERIFIED", cams + " 台摄像机 " + answered + " 张抓拍均未发现人员"
                            + (s.error() == null ? "" : "（" + s.error() + "）"), now, false);
                }
            }
        } catch (RuntimeException e) {
            log.error("verification of alarm {} by snapshot {} failed: {}", s.alarmId(), s.snapshotId(), e.toString());
        }
    }

    private boolean ask(long alarmId, String camera, String reason) {
        try {
            commands.send(camera, CommandType.CAPTURE_SNAPSHOT, json.createObjectNode().put("alarmId", alarmId).put("reason", reason), ACTOR);
            return true;
        } catch (RuntimeException e) {
            log.warn("capture_snapshot to {} for alarm {} not sent: {}", camera, alarmId, e.getMessage());
            return false;
        }
    }

    /**
     * Pending verifications past their time: the cameras did not answer (or saw nobody). Once per cluster
     * ({@link ClusterJobs}); {@link #decide} only moves a verification that is still PENDING.
     */
    @Scheduled(initialDelayString = "${redwhistle.verification.sweep:1s}", fixedDelayString = "${redwhistle.verification.sweep:1s}")
    public void sweep() {
        jobs.runExclusively("alarms.verification-timeout", () -> timeOut(Instant.now()));
    }

    private void timeOut(Instant now) {
        List<Long> due = jdbc.sql("select id from alarm where verification = 'PENDING' and verification_due <= ?").param(Timestamp.from(now))
                .query(Long.class).list();
        for (Long id : due) {
            long answered = jdbc.sql("select count(distinct device_id) from snapshot where alarm_id = ? and cmd_id is not null").param(id)
                    .query(Long.class).single();
            decide(id, "PENDING", "UNVERIFIED", answered == 0 ? "摄像机未在 " + timeout.toSeconds() + " 秒内回传抓拍"
                    : "超时：" + answered + " 台摄像机的抓拍未发现人员", now, false);
        }
    }

    /** Moves the verification from {@code from} (null: any) to {@code to}; true if this call did it. */
    private boolean decide(long alarmId, String from, String to, String note, Instant now, boolean raise) {
        Boolean done = tx.execute(st -> {
            int n = jdbc.sql("""
                    update alarm set verification = :to, verification_note = :note, version = version + 1, updated_at = :now,
                        verified_at = case when :to = 'VERIFIED' then :now else verified_at end,
                        severity = case when :raise then (%s) else severity end
                    where id = :id and (cast(:from as text) is null or verification = :from)""".formatted(AlarmWorkflow.SEVERITY_ONE_UP))
                    .param("to", to).param("note", note).param("now", Timestamp.from(now)).param("raise", raise).param("id", alarmId)
                    .param("from", from).update();
            if (n == 0) {
                return false;
            }
            workflow.event(alarmId, ACTOR, "verify", AlarmStatus.valueOf(workflow.current(alarmId)), verdict(to) + "：" + note, now);
            audit.record(AuditLog.SYSTEM, "alarm.verification", "alarm", String.valueOf(alarmId), note, Map.of("verification", to));
            return true;
        });
        if (Boolean.TRUE.equals(done)) {
            log.info("alarm {} {}: {}", alarmId, to, note);
            publish(alarmId);
            return true;
        }
        return false;
    }

    private static String verdict(String to) {
        return switch (to) {
            case "VERIFIED" -> "视频核实有人，告警升级";
            case "UNVERIFIED" -> "视频未核实";
            case "NO_CAMERA" -> "无可用摄像机核实";
            default -> to;
        };
    }

    private void publish(long alarmId) {
        queries.find(alarmId).ifPresent(v -> events.publishEvent(new AlarmChanged(v, false)));
    }
}
