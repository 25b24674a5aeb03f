package org.redwhistle.ingest.commands;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.redwhistle.devices.contract.CommandType;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends commands to devices and tracks them: recorded as SENT, published at QoS 1 on the device's
 * {@code commands} topic through the {@link CommandChannel}; the device's {@code commands/ack}
 * (through the ingest pipeline, as {@link CommandsAcknowledged}) completes them, and a sweep marks
 * the unanswered ones TIMED_OUT.
 */
@Service
public class DeviceCommands {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Optional<CommandChannel> channel;
    private final ApplicationEventPublisher events;
    private final CommandProperties props;
    private final ClusterJobs jobs;

    /** @param channel absent when the app runs without MQTT ({@code redwhistle.mqtt.enabled=false}): every send is refused */
    public DeviceCommands(JdbcClient jdbc, JsonMapper json, Optional<CommandChannel> channel, ApplicationEventPublisher events,
            CommandProperties props, ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.json = json;
        this.channel = channel;
        this.events = events;
        this.props = props;
    }

    public CommandView send(String deviceId, CommandType command, JsonNode args, String requestedBy) {
        CommandChannel connection = channel.filter(c -> c.isOpen(deviceId)).orElse(null);
        if (connection == null) {
            throw new IllegalStateException("the platform is not connected to the device's broker");
        }
        String cmdId = UUID.randomUUID().toString();
        JsonNode a = args == null || args.isNull() ? json.createObjectNode() : args;
        jdbc.sql("insert into device_command (id, device_id, command, args, status, requested_by) values (?, ?, ?, cast(? as jsonb), 'SENT', ?)")
                .params(cmdId, deviceId, command.wire(), a.toString(), requestedBy).update();
        var body = json.createObjectNode().put("cmdId", cmdId).put("command", command.wire());
        body.set("args", a);
        connection.deliver(deviceId, json.writeValueAsBytes(body));
        return find(cmdId).orElseThrow();
    }

    public Optional<CommandView> find(String cmdId) {
        return jdbc.sql(SELECT + " where id = ?").param(cmdId).query(this::view).optional();
    }

    public List<CommandView> recent(String deviceId, int limit) {
        return jdbc.sql(SELECT + " where device_id = ? order by requested_at desc limit ?").params(deviceId, limit).query(this::view).list();
    }

    /** Completes commands the pipeline saw acknowledged (published after their batch committed). */
    @EventListener
    public void on(CommandsAcknowledged acknowledged) {
        for (String id : acknowledged.cmdIds()) {
            find(id).ifPresent(c -> events.publishEvent(new DeviceCommandCompleted(c)));
        }
    }

    /** Once per cluster ({@link ClusterJobs}); the update is conditional, so a command times out once. */
    @Scheduled(fixedDelayString = "${redwhistle.commands.sweep-interval:2s}")
    public void timeOut() {
        jobs.runExclusively("commands.time-out", this::timeOutUnanswered);
    }

    private void timeOutUnanswered() {
        List<CommandView> timedOut = jdbc.sql("""
                update device_command set status = 'TIMED_OUT', completed_at = now(),
                       detail = 'no acknowledgement within ' || cast(:secs as text) || ' s'
                where status = 'SENT' and requested_at < :cutoff
                returning id, device_id, command, args::text, status, detail, requested_by, requested_at, completed_at""")
                .param("secs", props.timeout().toSeconds()).param("cutoff", Timestamp.from(Instant.now().minus(props.timeout())))
                .query(this::view).list();
        timedOut.forEach(c -> events.publishEvent(new DeviceCommandCompleted(c)));
    }

    private static final String SELECT =
            "select id, device_id, command, args::text, status, detail, requested_by, requested_at, completed_at from device_command";

    private CommandView view(ResultSet rs, int row) throws SQLException {
        Timestamp done = rs.getTimestamp(9);
        return new CommandView(rs.getString(1), rs.getString(2), rs.getString(3), json.readTree(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(), done == null ? null : done.toInstant());
    }
}
