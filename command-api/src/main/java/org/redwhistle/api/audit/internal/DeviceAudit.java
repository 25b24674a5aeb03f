package org.redwhistle.api.audit.internal;

import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.ingest.provisioning.DeviceProvisioned;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;


/** Audits what devices and integrators change without a REST call of ours (MQTT self-provisioning). */
@Component
public class DeviceAudit {

    private final AuditLog audit;

    public DeviceAudit(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    public void on(DeviceProvisioned e) {
        audit.record("integrator#" + e.ownerId(), "device.provisioned", "device", e.deviceId(), e.how(),
                Map.of("serial", e.serial(), "provisioningKey", e.provisioningKey()));
    }
}
