package org.redwhistle.api.demo.internal;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.CameraCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's cameras get their national codes (国标编码) from their areas' administrative division codes,
 * numbered per area (松鹤园社区's: 37070501 01 132 0 000001 …). A camera that has one keeps it.
 */
@Component
@Order(80)
class DemoCameraCodes implements DemoPart {

    private static final Logger log = LoggerFactory.getLogger(DemoCameraCodes.class);

    private final CameraCodes codes;

    DemoCameraCodes(CameraCodes codes) {
        this.codes = codes;
    }

    @Override
    public void seed() {
        int assigned = codes.assignMissing(AuditLog.SYSTEM);
        if (assigned > 0) {
            log.info("demo: {} cameras got their national codes", assigned);
        }
    }
}
