package org.redwhistle.ingest.provisioning;

import java.util.concurrent.ThreadPoolExecutor;

import org.redwhistle.devices.contract.Topics;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Provisioning requests from {@code cc/v1/provision/{nonce}/request}: decided one at a time off the
 * MQTT thread, answered on the literal response topic, then acknowledged.
 */
@Component
public class ProvisioningRequests implements DisposableBean {

    /** Sends the reply (QoS 1). */
    @FunctionalInterface
    public interface Replier {
        void reply(String topic, byte[] payload);
    }

    private static final Logger log = LoggerFactory.getLogger(ProvisioningRequests.class);
    private static final int MAX_REQUEST_BYTES = 8192;

    private final DeviceProvisioner provisioner;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final ThreadPoolExecutor worker;

    public ProvisioningRequests(DeviceProvisioner provisioner, JsonMapper json, MeterRegistry meters, WorkerPools pools) {
        this.provisioner = provisioner;
        this.json = json;
        this.meters = meters;
        this.worker = pools.bounded("provisioning", 1, 1000);
    }

    public void submit(String topic, byte[] payload, Runnable ack, Replier replier) {
        worker.execute(() -> {
            try {
                handle(topic, payload, replier);
            } catch (RuntimeException e) {
                log.error("provisioning request on {} failed: {}", topic, e.toString());
            } finally {
                ack.run();
            }
        });
    }

    private void handle(String topic, byte[] payload, Replier replier) {
        var nonce = Topics.provisionNonce(topic);
        if (nonce.isEmpty()) {
            log.warn("provisioning request ignored: topic {} has no valid nonce (16–64 of A-Z a-z 0-9 _ -)", topic);
            meters.counter("rw.provisioning.requests", "outcome", "bad_topic").increment();
            return;
        }
        long started = System.nanoTime();
        DeviceProvisioner.Outcome o = payload.length > MAX_REQUEST_BYTES
                ? new DeviceProvisioner.Outcome(false, "request is larger than " + MAX_REQUEST_BYTES + " bytes", null, null, 0)
                : provisioner.provision(payload);
        ObjectNode answer = json.createObjectNode().put("status", o.success() ? "SUCCESS" : "FAILURE").put("detail", o.detail());
        if (o.success()) {
            answer.put("deviceId", o.deviceId())
                    .put("username", o.credentials().username())
                    .put("password", o.credentials().password())
                    .put("clientId", o.credentials().clientId());
            log.info("device provisioned: id={} how={} tookMs={}", o.deviceId(), o.detail(), (System.nanoTime() - started) / 1_000_000);
        } else {
            log.info("provisioning refused: nonce={} reason=\"{}\"", nonce.get(), o.detail());
        }
        meters.counter("rw.provisioning.requests", "outcome", o.success() ? "success" : "failure").increment();
        replier.reply(Topics.provisionResponse(nonce.get()), json.writeValueAsBytes(answer));
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
