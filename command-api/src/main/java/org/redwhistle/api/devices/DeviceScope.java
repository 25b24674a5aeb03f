package org.redwhistle.api.devices;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.errors.ApiException;

/**
 * The devices a caller reaches under the scope the policy granted: everything, those inside their
 * area, or (integrators) those of their own provisioning keys inside their area. Also the SQL for
 * queries over {@code device d join area a on a.id = d.area_id}, so that lists, pictures and dead
 * letters apply the same rule.
 *
 * @param areaId     the area the devices must lie in; null for everywhere
 * @param keyOwnerId the user whose provisioning keys the devices must come from; null for any
 */
public record DeviceScope(Long areaId, Long keyOwnerId) {

    /** Appended to a WHERE clause; binds {@code :scope} and {@code :owner} ({@link #bind}). */
    public static final String SQL = " and (cast(:scope as bigint) is null or a.path @> array[cast(:scope as bigint)])"
            + " and (cast(:owner as bigint) is null or d.provisioning_key_id in (select k.id from provisioning_key k where k.owner_id = cast(:owner as bigint)))";

    public static DeviceScope of(Caller caller) {
        Long area = caller.user().areaId();
        return switch (caller.scope()) {
            case ALL -> new DeviceScope(null, null);
            case AREA -> new DeviceScope(requireArea(caller, area), null);
            case OWN -> new DeviceScope(requireArea(caller, area), caller.user().id());
            case SHARED -> throw caller.unsupportedScope();
        };
    }

    private static Long requireArea(Caller caller, Long area) {
        if (area == null) {
            throw ApiException.forbidden("user " + caller.user().username() + " has no area");
        }
        return area;
    }

    /** The parameters of {@link #SQL}. */
    public Map<String, Object> bind() {
        Map<String, Object> p = new HashMap<>();
        p.put("scope", areaId);
        p.put("owner", keyOwnerId);
        return p;
    }

    /** Whether a device (its area path and its key's owner) is reachable. */
    public boolean admits(List<Long> areaPath, Long deviceKeyOwner) {
        return (areaId == null || areaPath.contains(areaId)) && (keyOwnerId == null || keyOwnerId.equals(deviceKeyOwner));
    }
}
