package org.redwhistle.ingest.provisioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * MQTT self-provisioning.
 *
 * @param mqttUsername    the shared broker account new devices connect with to provision themselves
 * @param mqttPassword    its password, handed to integrators with their keys; from the environment (RW_PROVISION_PASSWORD)
 * @param publicBrokerUrl the broker URL integrators' devices use; defaults to the platform's own broker URL
 * @param maxValidity     longest lifetime of a provisioning key
 * @param maxQuota        largest device quota of one key
 * @param answerRetention how long the answer decided for a request nonce is kept (sent again to the same request,
 *                        refused to another); a nonce is used once within this time
 * @param answerSweep     how often the answers past their retention are deleted (once per cluster; read by its
 *                        {@code @Scheduled} under the same name)
 */
@ConfigurationProperties("redwhistle.provisioning")
public record ProvisioningProperties(
        @DefaultValue("provision") String mqttUsername,
        String mqttPassword,
        String publicBrokerUrl,
        @DefaultValue("365d") Duration maxValidity,
        @DefaultValue("10000") int maxQuota,
        @DefaultValue("1d") Duration answerRetention,
        @DefaultValue("1h") Duration answerSweep) {
}
