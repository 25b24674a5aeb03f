package org.redwhistle.api.devices;

import java.util.Optional;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.internal.DeviceStore;
import org.redwhistle.api.devices.internal.Gb28181Properties;
import org.redwhistle.geo.grid.GridLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assigns national codes (国标编码) to the cameras that have none: the centre code of the camera's area
 * ({@link CentreCodes}), the configured industry, camera type and network, and the next serial under
 * that 14-digit prefix — so each area's cameras are numbered 000001, 000002, … in id order. Cameras in
 * an area without an administrative division code keep none. Audited per camera.
 */
@Component
public class CameraCodes {

    private static final Logger log = LoggerFactory.getLogger(CameraCodes.class);

    private final DeviceStore store;
    private final GridLocator grids;
    private final Gb28181Properties props;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    CameraCodes(DeviceStore store, GridLocator grids, Gb28181Properties props, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.grids = grids;
        this.props = props;
        this.audit = audit;
        this.tx = tx;
    }

    /** The code the next camera of this area would get; empty when the area has no administrative division code. */
    public Optional<NationalCode> next(long areaId) {
        return CentreCodes.of(grids.chainOf(areaId)).map(c -> {
            String prefix = props.cameraPrefix(c.own());
            return NationalCode.of(prefix, store.highestSerial(prefix) + 1);
        });
    }

    /** Gives every camera without a code its next one; answers how many were assigned. Blocking. */
    public int assignMissing(String actor) {
        int assigned = 0;
        for (String[] camera : store.camerasWithoutCode()) {
            String id = camera[0];
            long areaId = Long.parseLong(camera[1]);
            Optional<NationalCode> code = tx.execute(s -> {
                Optional<NationalCode> c = next(areaId);
                c.ifPresent(n -> {
                    store.assignNationalCode(id, n.value());
                    audit.record(actor, "device.code-assigned", "device", id, null, java.util.Map.of("nationalCode", n.value()));
                });
                return c;
            });
            if (code != null && code.isPresent()) {
                assigned++;
            } else {
                log.info("camera {} keeps no national code: its area {} has no administrative division code", id, areaId);
            }
        }
        return assigned;
    }
}
