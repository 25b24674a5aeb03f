package org.redwhistle.api.health.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.redwhistle.ingest.broker.BrokerPool;
import org.redwhistle.ingest.cluster.IngestionLeader;
import org.redwhistle.ingest.cluster.IngestionRole;
import org.redwhistle.ingest.cluster.IngestionTerms;
import org.redwhistle.ingest.mqtt.MqttProperties;
import org.redwhistle.ingest.mqtt.OutboundConnection;
import org.redwhistle.ingest.mqtt.PlatformMqttConnection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} is DOWN while this instance's outbound connection to the broker is down,
 * or while it is the active ingesting instance and a device-traffic session is down. A standby is UP
 * without device-traffic sessions. The details say this instance's ingestion role and since when,
 * and which instance ingests (docs/cluster.md).
 */
@Component("mqtt")
@ConditionalOnBean(PlatformMqttConnection.class)
public class MqttHealthIndicator implements HealthIndicator {

    private static final DateTimeFormatter SHANGHAI = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private final OutboundConnection outbound;
    private final IngestionLeader leader;
    private final IngestionTerms terms;
    private final MqttProperties mqtt;
    private final BrokerPool brokers;

    public MqttHealthIndicator(OutboundConnection outbound, IngestionLeader leader, IngestionTerms terms, MqttProperties mqtt, BrokerPool brokers) {
        this.outbound = outbound;
        this.brokers = brokers;
        this.leader = leader;
        this.terms = terms;
        this.mqtt = mqtt;
    }

    @Override
    public Health health() {
        boolean active = leader.role() == IngestionRole.ACTIVE;
        boolean up = outbound.isOpen() && (!active || leader.sessionsConnected());
        Health.Builder b = up ? Health.up() : Health.down();
        b.withDetail("broker", brokers.first().url());
        if (brokers.isPool()) {
            b.withDetail("brokers", brokers.brokers().stream().map(x -> x.id() + " " + x.url()).toList());
        }
        b
                .withDetail("instance", mqtt.instanceId())
                .withDetail("ingestion", leader.role().name())
                .withDetail("ingestionSince", time(leader.roleSince()));
        if (leader.shared()) {
            b.withDetail("ingestionMode", "SHARED: every instance ingests");
        } else {
            b.withDetail("ingestionMode", "EXCLUSIVE: one active instance, sessions " + mqtt.sessionName() + "-*");
            try {
                terms.latest(mqtt.sessionName()).filter(t -> t.endedAt() == null)
                        .ifPresent(t -> b.withDetail("activeInstance", t.instanceId() + " since " + time(t.activeSince())));
            } catch (RuntimeException e) {
                b.withDetail("activeInstance", "unknown (database: " + e.getMessage() + ")");
            }
        }
        return b.build();
    }

    private static String time(Instant t) {
        return SHANGHAI.format(t) + " (Asia/Shanghai)";
    }
}
