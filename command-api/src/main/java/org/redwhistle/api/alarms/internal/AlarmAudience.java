package org.redwhistle.api.alarms.internal;

import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.security.Role;

/**
 * Who an alarm is for. Most alarms are for everyone who sees the alarms of its area; a few types only
 * for those of them who also hold another permission. {@code face.watchlist} (a watched person passed a face
 * gate) names a police watchlist entry and shows a passer-by's face: it is the police's, like the watchlist
 * itself (face-watchlist.read) — on the board, in the lists, by id, live. The same rule for all four, here.
 */
final class AlarmAudience {

    /** Alarm types and the permission their audience must hold besides the alarm's own. */
    static final Map<String, Permission> RESTRICTED = Map.of("face.watchlist", Permission.FACE_WATCHLIST_READ);

    private AlarmAudience() {
    }

    /** Who is pushed the alarm on /topic/alarms. */
    static Audience of(AlarmView a) {
        Permission p = RESTRICTED.get(a.type());
        return p == null ? Audience.area(a.areaPath()) : Audience.granted(a.areaPath(), p);
    }

    /** Whether a user of {@code role} may see alarms of {@code type} (inside their reach). */
    static boolean admits(Role role, String type) {
        Permission p = RESTRICTED.get(type);
        return p == null || AccessPolicy.scope(role, p).isPresent();
    }

    /** The alarm types hidden from {@code role}'s lists. */
    static List<String> hiddenFrom(Role role) {
        return RESTRICTED.keySet().stream().filter(t -> !admits(role, t)).sorted().toList();
    }
}
