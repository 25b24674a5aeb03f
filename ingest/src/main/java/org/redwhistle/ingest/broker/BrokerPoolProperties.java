package org.redwhistle.ingest.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pool of brokers devices are spread over. The first broker is always {@code redwhistle.mqtt.url}
 * (the platform's own, which also carries the push relay between instances); {@code more} adds the others.
 *
 * @param firstId        the id of the first broker
 * @param firstPublicUrl the URL devices use for the first broker; {@code redwhistle.mqtt.url} when empty
 * @param more           further brokers, comma-separated, each {@code id=url} or {@code id=url public-url}, e.g.
 *                       {@code b2=tcp://10.0.0.12:1883 mqtts://mqtt2.example.cn:8883}; empty: a pool of one
 */
@ConfigurationProperties("redwhistle.brokers")
public record BrokerPoolProperties(
        @DefaultValue("b1") String firstId,
        String firstPublicUrl,
        String more) {
}
