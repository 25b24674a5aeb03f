package org.redwhistle.api.devices.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.devices.CentreCodes;
import org.redwhistle.api.devices.NationalCode;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.geo.grid.GridLocator;
import org.redwhistle.ingest.broker.BrokerAccess;
import org.redwhistle.ingest.provisioning.ProvisioningKeys;
import org.redwhistle.ingest.registry.DeviceDirectory;
import org.redwhistle.ingest.registry.DeviceState;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Edits a device (devices.edit: the command center in its area, integrators their own); audited.
 * A new place must lie in a grid inside the editor's area and the device's provisioning key's area,
 * and the device moves to that grid. Re-enabling a disabled device needs devices.enable; disabling
 * one cuts it off the broker in the same transaction, so a broker refusal rolls the edit back.
 */
@Component
class DeviceEditor {

    private final VisibleDevices visible;
    private final DeviceStore store;
    private final BrokerAccess broker;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final DeviceDirectory directory;
    private final GridLocator grids;
    private final ProvisioningKeys keys;

    DeviceEditor(VisibleDevices visible, DeviceStore store, BrokerAccess broker, AuditLog audit, TransactionTemplate tx,
            DeviceDirectory directory, GridLocator grids, ProvisioningKeys keys) {
        this.visible = visible;
        this.store = store;
        this.broker = broker;
        this.audit = audit;
        this.tx = tx;
        this.directory = directory;
        this.grids = grids;
        this.keys = keys;
    }

    /** Blocking: applies the edit and answers the device as it is afterwards. */
    DeviceView edit(Caller caller, String id, DeviceEdit edit) {
        DeviceView before = visible.find(caller, id);
        if (DeviceState.DISABLED.name().equals(before.state()) && edit.state() != null && edit.state() != DeviceState.DISABLED) {
            caller.require(Permission.DEVICES_ENABLE); // its area was checked with devices.edit's, which is no wider
        }
        Long newArea = edit.lon() == null ? null : placeInside(caller, before, edit.lon(), edit.lat());
        KindGeometry.check(before.kind(), edit.attributes(), edit.zone());
        if (edit.setsZone()) {
            store.zoneProblem(edit.zone()).ifPresent(problem -> {
                throw ApiException.badField("zone", problem);
            });
        }
        String code = edit.nationalCode() == null ? null : checkedCode(caller, before, edit.nationalCode(), newArea);
        String zone = edit.setsZone() ? edit.zone().toString() : null;
        DeviceStore.Fields fields = new DeviceStore.Fields(edit.name(), edit.firmware(), edit.lon(), edit.lat(), newArea,
                edit.zone() != null, zone, edit.attributes() == null ? null : edit.attributes().toString());
        tx.executeWithoutResult(s -> {
            store.edit(id, fields);
            Map<String, Object> changed = changes(edit, newArea);
            if (code != null && !code.equals(before.nationalCode())) {
                store.assignNationalCode(id, code);
                changed.put("nationalCode", code);
            }
            if (edit.state() != null && !edit.state().name().equals(before.state())) {
                changeState(id, before.state(), edit.state());
                changed.put("state", edit.state().name());
            }
            audit.record(caller.user().username(), "device.edited", "device", id, null, changed);
        });
        directory.evict(id);
        return store.find(id).orElseThrow();
    }

    /**
     * The audit entry's detail: only what the edit changed, in the request's order; a removed zone
     * is recorded as null, which is why this is a map rather than a record.
     */
    private static Map<String, Object> changes(DeviceEdit edit, Long newArea) {
        Map<String, Object> changed = new LinkedHashMap<>();
        if (edit.name() != null) {
            changed.put("name", edit.name());
        }
        if (edit.firmware() != null) {
            changed.put("firmware", edit.firmware());
        }
        if (edit.lon() != null) {
            changed.put("location", List.of(edit.lon(), edit.lat()));
            changed.put("areaId", newArea);
        }
        if (edit.zone() != null) {
            changed.put("zone", edit.zone().isNull() ? null : edit.zone().path("type").asText());
        }
        if (edit.attributes() != null) {
            changed.put("attributes", edit.attributes().toString());
        }
        return changed;
    }

    /**
     * A new national code: cameras only, for those holding cameras.codes; well formed, of a camera type,
     * its centre code one of the (new) area's, and no other device's.
     */
    private String checkedCode(Caller caller, DeviceView d, String text, Long newArea) {
        caller.require(Permission.CAMERAS_CODES);
        if (!"camera".equals(d.kind())) {
            throw ApiException.badField("nationalCode", "only cameras carry a national code; this is a " + d.kind());
        }
        NationalCode.Parsed p = NationalCode.parseCamera(text);
        if (!p.ok()) {
            throw ApiException.badField("nationalCode", p.rejection().en());
        }
        long areaId = newArea != null ? newArea : d.areaId();
        CentreCodes centres = CentreCodes.of(grids.chainOf(areaId)).orElseThrow(() -> ApiException.badField("nationalCode",
                "the device's area has no administrative division code to check a centre code against"));
        p.code().centreWithin(centres).ifPresent(r -> {
            throw ApiException.badField("nationalCode", r.en());
        });
        store.findByNationalCode(p.code().value()).filter(other -> !other.id().equals(d.id())).ifPresent(other -> {
            throw new ApiException(HttpStatus.CONFLICT, "Code taken", "nationalCode: " + p.code().value() + " is another device's",
                    List.of(new ApiException.FieldError("nationalCode", "is the code of another device")));
        });
        return p.code().value();
    }

    /** Inside the edit's transaction: if the broker refuses, the state change is rolled back too. */
    private void changeState(String id, String from, DeviceState to) {
        if (!store.changeState(id, from, to)) {
            throw new ApiException(HttpStatus.CONFLICT, "Changed meanwhile", "the device's state changed while you edited it; load it again",
                    List.of(new ApiException.FieldError("state", "changed meanwhile")));
        }
        if (to == DeviceState.DISABLED) {
            broker.revoke(id);
        } else if (DeviceState.DISABLED.name().equals(from)) {
            broker.restore(id);
        }
    }

    /**
     * The grid a device moves to: the new place must lie in a grid of the platform, inside the
     * caller's area and inside the area of the key that provisioned the device. Otherwise 422 naming
     * {@code lon}: a device registered elsewhere would raise its alarms in someone else's area.
     */
    private long placeInside(Caller caller, DeviceView d, double lon, double lat) {
        var grid = grids.locate(lon, lat).orElseThrow(() -> unplaceable(lon + "," + lat + " is not inside any grid of the platform"));
        List<Long> chain = grid.ids();
        if (caller.user().areaId() != null && !caller.is(Scope.ALL) && !chain.contains(caller.user().areaId())) {
            throw unplaceable(lon + "," + lat + " is outside your area");
        }
        if (d.provisioningKey() != null && !chain.contains(keys.find(d.provisioningKey()).areaId())) {
            throw unplaceable(lon + "," + lat + " is outside the area of the provisioning key " + d.provisioningKey());
        }
        return grid.grid().id();
    }

    private static ApiException unplaceable(String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Place refused", "lon: " + why, List.of(new ApiException.FieldError("lon", why)));
    }
}
