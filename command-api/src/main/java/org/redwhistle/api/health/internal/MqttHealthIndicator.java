package org.redwhistle.api.health.internal;

import org.redwhistle.ingest.mqtt.PlatformMqttConnection;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} is DOWN while the ingest connection to the broker is down. */
@Component("mqtt")
@ConditionalOnBean(PlatformMqttConnection.class)
public class MqttHealthIndicator implements HealthIndicator {

    private final PlatformMqttConnection connection;

    public MqttHealthIndicator(PlatformMqttConnection connection) {
        this.connection = connection;
    }

    @Override
    public Health health() {
        Health.Builder b = connection.isConnected() ? Health.up() : Health.down();
        return b.withDetail("broker", connection.url()).build();
    }
}
