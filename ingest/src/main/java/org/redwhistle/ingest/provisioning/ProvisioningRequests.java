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

/**
 * Provisioning requests from {@code cc/v1/provision/{nonce}/request}: decided one at a time off the
 * MQTT thread, answered on the literal response topic, then acknowledged. Every instance that receives
 * a request may handle it: the decision is taken once per nonce in the cluster, and the others send the
 * same stored answer ({@link DeviceProvisioner#provision}).
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
        ProvisioningAnswer a = payload.length > MAX_REQUEST_BYTES
                ? DeviceProvisioner.notStored(json, "request is larger than " + MAX_REQUEST_BYTES + " bytes")
                : provisioner.provision(nonce.get(), payload);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        switch (a.source()) {
            case DECIDED, NOT_STORED -> {
                if (a.success()) {
                    log.info("device provisioned: id={} how={} nonce={} tookMs={}", a.deviceId(), a.detail(), nonce.get(), tookMs);
                } else {
                    log.info("provisioning refused: nonce={} stored={} reason=\"{}\"", nonce.get(), a.source() == ProvisioningAnswer.Source.DECIDED, a.detail());
                }
            }
            case REPEATED -> log.info("provisioning request repeated: nonce={} answered as decided before (status={} device={})",
                    nonce.get(), a.success() ? "SUCCESS" : "FAILURE", a.deviceId());
            case NONCE_TAKEN -> log.warn("provisioning refused: nonce={} already answered another request (or another secret)", nonce.get());
        }
        meters.counter("rw.provisioning.requests", "outcome", outcome(a)).increment();
        replier.reply(Topics.provisionResponse(nonce.get()), a.json());
    }

    private static String outcome(ProvisioningAnswer a) {
        return switch (a.source()) {
            case REPEATED -> "repeated";
            case NONCE_TAKEN -> "nonce_taken";
            case DECIDED, NOT_STORED -> a.success() ? "success" : "failure";
        };
    }

    @Override
    public void destroy() {
        worker.shutdown();
    }
}
