package org.redwhistle.ingest.mqtt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.broker.Broker;
import org.redwhistle.ingest.broker.BrokerPool;
import org.redwhistle.ingest.cluster.IngestionSessions;
import org.redwhistle.ingest.pipeline.InboundMessage;
import org.redwhistle.ingest.pipeline.IngestPipeline;
import org.redwhistle.ingest.provisioning.ProvisioningRequests;
import org.redwhistle.ingest.workers.WorkerPools;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The platform's device-traffic connections: MQTT 5, persistent sessions (clean start off, session
 * expiry set), exclusive or shared subscriptions ({@link MqttProperties#subscription()}), QoS 1 with
 * manual acks, receive maximum as back-pressure. Connecting, resubscribing and closing are
 * {@link MqttSession}'s.
 * <p>
 * Two connections, so that telemetry never stands in front of an alarm: {@code <session>-ingest}
 * takes events, status, command acks and provisioning requests; {@code <session>-telemetry} takes
 * telemetry (10,000 patrol terminals report their position every second). Each feeds its own lane
 * of the {@link IngestPipeline}, and the broker's flow control applies to each on its own: a
 * telemetry backlog holds up neither the TCP stream nor the in-flight window the alarms come on.
 * <p>
 * The sessions are opened only where ingestion runs ({@link org.redwhistle.ingest.cluster.IngestionLeader}): in EXCLUSIVE mode on
 * the one instance that holds the ingestion lease, under the cluster's session name, so that a new
 * holder takes over the same persistent sessions. Device commands and provisioning replies go out on
 * each instance's own {@link OutboundConnection}.
 * <p>
 * With a {@link BrokerPool} of several brokers, the pair of sessions is opened on every broker of the
 * pool (same client ids: each broker has its own), and a provisioning request is answered on the broker
 * it came in on.
 */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class PlatformMqttConnection implements IngestionSessions {
    private static final Topics.Channel[] CHANNELS = {Topics.Channel.EVENTS, Topics.Channel.STATUS, Topics.Channel.COMMAND_ACKS};

    private final MqttProperties props;
    private final IngestPipeline pipeline;
    private final ProvisioningRequests provisioning;
    private final OutboundConnection outbound;
    private final List<Link> links = new ArrayList<>();

    public PlatformMqttConnection(MqttProperties props, BrokerPool brokers, IngestPipeline pipeline, ProvisioningRequests provisioning,
            OutboundConnection outbound, WorkerPools pools) {
        this.props = props;
        this.outbound = outbound;
        this.pipeline = pipeline;
        this.provisioning = provisioning;
        for (Broker b : brokers.brokers()) {
            links.add(new Link(b, brokers.isPool() ? "-" + b.id() : "", pools));
        }
    }

    /**
     * The two sessions on one broker of the pool. The client ids are the same on every broker (each broker
     * has its own namespace), so the sessions a new active instance takes over are the same everywhere.
     */
    private final class Link {
        final Broker broker;
        final MqttSession session;
        final MqttSession telemetry;

        Link(Broker broker, String suffix, WorkerPools pools) {
            this.broker = broker;
            // each connect tells its lane how long it was away: the broker's backlog then arrives at once (see RateLimitProperties.catchUp)
            this.session = new MqttSession(pools, "ingest" + suffix, broker.url(), props.ingestClientId(), true,
                    PlatformMqttConnection.this::options, subscriptions(props),
                    // the ingest connection subscribed to telemetry too before telemetry had its own
                    new String[] {filter(props, Topics.Channel.TELEMETRY)}, this::eventsArrived, away -> pipeline.brokerConnected(false, away));
            this.telemetry = new MqttSession(pools, "telemetry" + suffix, broker.url(), props.telemetryClientId(), true,
                    PlatformMqttConnection.this::options, new MqttSubscription[] {new MqttSubscription(filter(props, Topics.Channel.TELEMETRY), 1)},
                    new String[0], this::telemetryArrived, away -> pipeline.brokerConnected(true, away));
        }

        private void eventsArrived(String topic, MqttMessage message) {
            Runnable ack = session.acker(message);
            if (topic.startsWith(Topics.PROVISION)) {
                // the device waits for its answer on the broker it asked on
                provisioning.submit(topic, message.getPayload(), ack, (t, payload) -> outbound.publish(broker, t, payload));
                return;
            }
            pipeline.submit(new InboundMessage(topic, message.getPayload(), Instant.now(), ack));
        }

        /** The connection says which lane: the topic is not parsed twice per message. */
        private void telemetryArrived(String topic, MqttMessage message) {
            pipeline.submitTelemetry(new InboundMessage(topic, message.getPayload(), Instant.now(), telemetry.acker(message)));
        }

        void open(Consumer<String> lost) {
            session.whenTakenOver(() -> lost.accept("session " + props.ingestClientId() + " on broker " + broker.id() + " taken over by another client"));
            telemetry.whenTakenOver(() -> lost.accept("session " + props.telemetryClientId() + " on broker " + broker.id()
                    + " taken over by another client"));
            session.start();
            telemetry.start();
        }

        void close() {
            telemetry.stop();
            session.stop();
        }

        boolean isConnected() {
            return session.isConnected() && telemetry.isConnected();
        }
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

    @Override
    public String name() {
        return "ingest+telemetry";
    }

    @Override
    public void open(Consumer<String> lost) {
        links.forEach(l -> l.open(lost));
    }

    @Override
    public void close() {
        links.forEach(Link::close);
    }

    /** True while both connections to every broker of the pool are up (health). */
    @Override
    public boolean isConnected() {
        return links.stream().allMatch(Link::isConnected);
    }
}
