package org.redwhistle.ingest.provisioning;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the shared provisioning account and its ACLs in the broker, retrying until the broker answers. */
@Component
@ConditionalOnProperty(name = "redwhistle.mqtt.enabled", havingValue = "true", matchIfMissing = true)
public class ProvisioningAccount implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProvisioningAccount.class);

    private final BrokerAccess broker;
    private final ProvisioningProperties props;
    private final ScheduledExecutorService retry;

    public ProvisioningAccount(BrokerAccess broker, ProvisioningProperties props, WorkerPools pools) {
        this.broker = broker;
        this.props = props;
        this.retry = pools.scheduler("provisioning-account");
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ensure() {
        if (props.mqttPassword() == null || props.mqttPassword().isBlank()) {
            log.warn("redwhistle.provisioning.mqtt-password (RW_PROVISION_PASSWORD) is not set: MQTT self-provisioning is off");
            return;
        }
        retry.execute(this::attempt);
    }

    private void attempt() {
        try {
            broker.ensureProvisioningAccount(props.mqttUsername(), props.mqttPassword());
            log.info("provisioning account '{}' ready in the broker", props.mqttUsername());
        } catch (RuntimeException e) {
            log.warn("provisioning account not ready ({}); retrying in 10 s", e.getMessage());
            retry.schedule(this::attempt, 10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void destroy() {
        retry.shutdownNow();
    }
}
