package org.redwhistle.ingest.mqtt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.commands.CommandChannel;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.pipeline.IngestPipeline;
import org.redwhistle.ingest.provisioning.ProvisioningRequests;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The platform's device-traffic connections: MQTT 5, persistent sessions (clean start off, session
 * expiry set), exclusive or shared subscriptions ({@link MqttProperties#subscription()}), QoS 1 with
 * manual acks, receive maximum as back-pressure. Connecting, resubscribing and closing are
 * {@link MqttSession}'s.
 * <p>
 * Two connections, so that telemetry never stands in front of an alarm: {@code <instance>-ingest}
 * takes events, status, command acks and provisioning requests; {@code <instance>-telemetry} takes
 * telemetry (10,000 patrol terminals report their position every second). Each feeds its own lane
 * of the {@link IngestPipeline}, and the broker's flow control applies to each on its own: a
 * telemetry backlog holds up neither the TCP stream nor the in-flight window the alarms come on.
 * Device commands go out on the ingest connection: this is the commands' {@link CommandChannel}.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformMqttConnection implements SmartLifecycle, CommandChannel {

    private static final Logger log = LoggerFactory.getLogger(PlatformMqttConnection.class);
    private static final Topics.Channel[] CHANNELS = {Topics.Channel.EVENTS, Topics.Channel.STATUS, Topics.Channel.COMMAND_ACKS};

    private final MqttProperties props;
    private final IngestPipeline pipeline;
    private final ProvisioningRequests provisioning;
    private final MqttSession session;
    private final MqttSession telemetry;

    public PlatformMqttConnection(MqttProperties props, IngestPipeline pipeline, ProvisioningRequests provisioning, WorkerPools pools) {
        this.props = props;
        this.pipeline = pipeline;
        this.provisioning = provisioning;
        // each connect tells its lane how long it was away: the broker's backlog then arrives at once (see RateLimitProperties.catchUp)
        this.session = new MqttSession(pools, "ingest", props.url(), props.ingestClientId(), true, this::options, subscriptions(props),
                // the ingest connection subscribed to telemetry too before telemetry had its own
                new String[] {filter(props, Topics.Channel.TELEMETRY)}, this::eventsArrived, away -> pipeline.brokerConnected(false, away));
        this.telemetry = new MqttSession(pools, "telemetry", props.url(), props.telemetryClientId(), true, this::options,
                new MqttSubscription[] {new MqttSubscription(filter(props, Topics.Channel.TELEMETRY), 1)}, new String[0],
                this::telemetryArrived, away -> pipeline.brokerConnected(true, away));
    }

    /** One channel of every device, exclusive or shared as configured. */
    private static String filter(MqttProperties props, Topics.Channel channel) {
        return props.subscription() == MqttProperties.Subscription.SHARED ? Topics.sharedFilter(props.sharedGroup(), channel)
                : Topics.filter(channel);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = MqttClientOptions.of(props);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(props.sessionExpiry().toSeconds());
        o.setReceiveMaximum(props.receiveMaximum());
        return o;
    }

    private static MqttSubscription[] subscriptions(MqttProperties props) {
        List<MqttSubscription> subs = new ArrayList<>();
        for (Topics.Channel channel : CHANNELS) {
            subs.add(new MqttSubscription(filter(props, channel), 1));
        }
        subs.add(new MqttSubscription(props.subscription() == MqttProperties.Subscription.SHARED
                ? Topics.sharedProvisionFilter(props.sharedGroup()) : Topics.PROVISION + "+/request", 1));
        return subs.toArray(MqttSubscription[]::new);
    }

    private void eventsArrived(String topic, MqttMessage message) {
        Runnable ack = session.acker(message);
        if (topic.startsWith(Topics.PROVISION)) {
            provisioning.submit(topic, message.getPayload(), ack, this::publish);
            return;
        }
        pipeline.submit(new InboundMessage(topic, message.getPayload(), Instant.now(), ack));
    }

    /** The connection says which lane: the topic is not parsed twice per message. */
    private void telemetryArrived(String topic, MqttMessage message) {
        pipeline.submitTelemetry(new InboundMessage(topic, message.getPayload(), Instant.now(), telemetry.acker(message)));
    }

    /** Publishes at QoS 1 without waiting; failures are logged (the requester times out and retries). */
    public void publish(String topic, byte[] payload) {
        try {
            session.publish(topic, payload, 1);
        } catch (MqttException e) {
            log.warn("MQTT publish to {} failed: {}", topic, e.getMessage());
        }
    }

    @Override
    public boolean isOpen() {
        return isConnected();
    }

    @Override
    public void deliver(String deviceId, byte[] command) {
        publish(Topics.commands(deviceId), command);
    }

    @Override
    public void start() {
        session.start();
        telemetry.start();
    }

    @Override
    public void stop() {
        telemetry.stop();
        session.stop();
    }

    /** True while both broker connections are up (health). */
    public boolean isConnected() {
        return session.isConnected() && telemetry.isConnected();
    }

    public String url() {
        return props.url();
    }

    @Override
    public boolean isRunning() {
        return session.isRunning();
    }

    @Override
    public int getPhase() {
        return 100;
    }
}
