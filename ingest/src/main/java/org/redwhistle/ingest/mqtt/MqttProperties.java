package org.redwhistle.ingest.mqtt;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The platform's MQTT connection.
 *
 * @param url                  broker URL, e.g. {@code tcp://127.0.0.1:18830}
 * @param username             the platform's broker account (role "platform")
 * @param password             its password; from the environment, never from the repository
 * @param instanceId           stable per app instance, unique in the cluster: names the instance's own connections
 *                             (the outbound one, the push relay) and, in SHARED mode, its device-traffic sessions
 * @param sessionName          cluster-wide name of the device-traffic sessions in EXCLUSIVE mode
 *                             ({@code <sessionName>-ingest}, {@code -telemetry}, {@code -snapshots}): the same on every
 *                             instance, so that whichever instance holds the ingestion lease takes over the one persistent
 *                             session the broker queues for; {@code rw-1} keeps the sessions of a single instance from
 *                             before (docs/cluster.md)
 * @param subscription         EXCLUSIVE (default): one instance, plain subscriptions that Mosquitto restores
 *                             with the persistent session after a broker restart; SHARED: several instances
 *                             split the load through {@code $share/<group>/…}, but Mosquitto 2.0 does not
 *                             restore shared subscriptions after a broker restart, so messages published
 *                             before the instances resubscribe are lost (use a broker that persists them)
 * @param sharedGroup          shared-subscription group; instances of one cluster split the load
 * @param receiveMaximum       unacknowledged messages the broker may have in flight to us: the back-pressure bound
 * @param sessionExpiry        how long the broker keeps our session (and queues for us) while we are away
 * @param batchSize            most messages written in one transaction
 * @param batchWait            longest a message waits for its batch to fill
 * @param maxPayloadBytes      larger payloads are dead-lettered unread
 * @param maxFutureSkew        an event time further ahead than this is rejected
 * @param maxEventAge          an event time (or a fix's) further back than this is rejected, so a device whose clock
 *                             reset to 1970 stores nothing; long enough for a device that buffered through a week
 *                             offline (a holiday week), and no longer than the week of daily partitions pg_partman
 *                             makes back from the day it was set up (older rows would land in the default partition)
 * @param enabled              false runs the app without ingestion (tools, some tests)
 */
@ConfigurationProperties("redwhistle.mqtt")
public record MqttProperties(
        @DefaultValue("tcp://127.0.0.1:18830") String url,
        @DefaultValue("platform") String username,
        String password,
        @DefaultValue("rw-1") String instanceId,
        @DefaultValue("rw-1") String sessionName,
        @DefaultValue("EXCLUSIVE") Subscription subscription,
        @DefaultValue("rw-ingest") String sharedGroup,
        @DefaultValue("1000") int receiveMaximum,
        @DefaultValue("1d") Duration sessionExpiry,
        @DefaultValue("500") int batchSize,
        @DefaultValue("20ms") Duration batchWait,
        @DefaultValue("65536") int maxPayloadBytes,
        @DefaultValue("5m") Duration maxFutureSkew,
        @DefaultValue("7d") Duration maxEventAge,
        @DefaultValue("true") boolean enabled) {

    /** The client id of the session that takes events, status, command acks and provisioning requests. */
    public String ingestClientId() {
        return sessionPrefix() + "-ingest";
    }

    /** The client id of the session that takes telemetry. */
    public String telemetryClientId() {
        return sessionPrefix() + "-telemetry";
    }

    /** The client id of the session that takes camera snapshots. */
    public String snapshotsClientId() {
        return sessionPrefix() + "-snapshots";
    }

    /** The client id of this instance's outbound-only connection (device commands, provisioning replies). */
    public String outboundClientId() {
        return instanceId + "-out";
    }

    /** True when one instance of the cluster at a time ingests (it holds the ingestion lease); false in SHARED mode. */
    public boolean oneActiveInstance() {
        return subscription == Subscription.EXCLUSIVE;
    }

    /**
     * EXCLUSIVE: the cluster's one set of sessions, taken over by whichever instance is active; SHARED: every instance
     * ingests at once, each on sessions of its own (one client id connected twice would throw the other off the broker).
     */
    private String sessionPrefix() {
        return oneActiveInstance() ? sessionName : instanceId;
    }

    /** How the platform subscribes to device traffic. */
    public enum Subscription {
        EXCLUSIVE,
        SHARED
    }
}
