package org.redwhistle.ingest.mqtt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.pipeline.IngestPipeline;
import org.redwhistle.ingest.provisioning.ProvisioningRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The platform's device-traffic connection: MQTT 5, persistent session (clean start off, session
 * expiry set), exclusive or shared subscriptions ({@link MqttProperties#subscription()}), QoS 1 with
 * manual acks, receive maximum as back-pressure. Connecting, resubscribing and closing are
 * {@link MqttSession}'s.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformMqttConnection implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PlatformMqttConnection.class);
    private static final Topics.Channel[] CHANNELS = {Topics.Channel.EVENTS, Topics.Channel.TELEMETRY, Topics.Channel.STATUS,
        Topics.Channel.COMMAND_ACKS};

    private final MqttProperties props;
    private final IngestPipeline pipeline;
    private final ProvisioningRequests provisioning;
    private final MqttSession session;

    public PlatformMqttConnection(MqttProperties props, IngestPipeline pipeline, ProvisioningRequests provisioning) {
        this.props = props;
        this.pipeline = pipeline;
        this.provisioning = provisioning;
        this.session = new MqttSession("ingest", props.url(), props.instanceId() + "-ingest", true, this::options, subscriptions(props),
                this::messageArrived);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = MqttClientOptions.of(props);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(props.sessionExpiry().toSeconds());
        o.setReceiveMaximum(props.receiveMaximum());
        return o;
    }

    private static MqttSubscription[] subscriptions(MqttProperties props) {
        boolean shared = props.subscription() == MqttProperties.Subscription.SHARED;
        List<MqttSubscription> subs = new ArrayList<>();
        for (Topics.Channel channel : CHANNELS) {
            subs.add(new MqttSubscription(shared ? Topics.sharedFilter(props.sharedGroup(), channel) : Topics.filter(channel), 1));
        }
        subs.add(new MqttSubscription(shared ? Topics.sharedProvisionFilter(props.sharedGroup()) : Topics.PROVISION + "+/request", 1));
        return subs.toArray(MqttSubscription[]::new);
    }

    private void messageArrived(String topic, MqttMessage message) {
        Runnable ack = session.acker(message);
        if (topic.startsWith(Topics.PROVISION)) {
            provisioning.submit(topic, message.getPayload(), ack, this::publish);
            return;
        }
        pipeline.submit(new InboundMessage(topic, message.getPayload(), Instant.now(), ack));
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
    public void start() {
        session.start();
    }

    @Override
    public void stop() {
        session.stop();
    }

    /** True while the broker connection is up (health). */
    public boolean isConnected() {
        return session.isConnected();
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
