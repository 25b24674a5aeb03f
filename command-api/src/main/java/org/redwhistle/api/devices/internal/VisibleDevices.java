package org.redwhistle.api.devices.internal;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.devices.DeviceScope;
import org.redwhistle.api.errors.ApiException;
import org.springframework.stereotype.Component;

/** A device as far as the caller's scope reaches it; beyond it, 404 as if it did not exist. */
@Component
class VisibleDevices {

    private final DeviceStore store;
    private final AreaScope scope;

    VisibleDevices(DeviceStore store, AreaScope scope) {
        this.store = store;
        this.scope = scope;
    }

    DeviceView find(Caller caller, String id) {
        DeviceScope reach = DeviceScope.of(caller);
        return store.find(id)
                .filter(d -> reach.admits(scope.chainIds(d.areaId()), d.keyOwnerId()))
                .orElseThrow(() -> ApiException.notFound("device " + id));
    }
}
