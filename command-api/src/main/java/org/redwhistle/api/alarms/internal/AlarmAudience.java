package org.redwhistle.api.alarms.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.access.AccessPolicy;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.alarms.AlarmResponder;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.push.Audience;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.responders.ResponderRole;

/**
 * Who an alarm is for. Most alarms are for everyone who sees the alarms of its area; a few types only
 * for those of them who also hold another permission. {@code face.watchlist} (a watched person passed a face
 * gate) names a police watchlist entry and shows a passer-by's face: it is the police's, like the watchlist
 * itself (face-watchlist.read) — on the board, in the lists, by id, live. The same rule for all four, here.
 * <p>
 * And for the responders sent: only members whose role the audience admits are proposed and dispatched to such an
 * alarm (the police, members of role POLICE), naming anyone else is refused ({@link #dispatchRefusal}); what
 * reaches a member's phone never carries the title (the watched person's alias and reason) to a role the audience
 * does not admit ({@link #titleFor}), nor does a case made from it ({@code AlarmActions.caseText}).
 */
final class AlarmAudience {

    /** Alarm types and the permission their audience must hold besides the alarm's own. */
    static final Map<String, Permission> RESTRICTED = Map.of("face.watchlist", Permission.FACE_WATCHLIST_READ);

    /** What a restricted alarm is called where its title (naming a watched person and why) may not go. */
    private static final Map<String, String> NEUTRAL = Map.of("face.watchlist", "人脸布控告警");

    /** Why a member outside the audience may not be sent to a restricted alarm, in Chinese. */
    private static final Map<String, String> DISPATCH_REFUSAL = Map.of("face.watchlist", "人脸布控告警只能派给民警");

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

    /** Whether a responder of {@code role} (a member's role: PATROL, GRID_WORKER, POLICE, each a user role too) may see alarms of {@code type}. */
    static boolean admits(ResponderRole role, String type) {
        return admits(Role.valueOf(role.name()), type);
    }

    /** Why a responder of {@code role} may not be sent to an alarm of {@code type}; empty when they may. */
    static Optional<String> dispatchRefusal(ResponderRole role, String type) {
        return admits(role, type) ? Optional.empty() : Optional.of(DISPATCH_REFUSAL.getOrDefault(type, "该类告警不能派给" + AlarmResponder.roleLabel(role.name())));
    }

    /** A restricted type's neutral name (no watched person, no reason); the type itself for others. */
    static String neutralTitle(String type) {
        return NEUTRAL.getOrDefault(type, type);
    }

    /** The alarm's title as a responder of {@code role} may read it: the title, or the neutral name when the audience does not admit them. */
    static String titleFor(ResponderRole role, String type, String title) {
        return admits(role, type) ? title : neutralTitle(type);
    }
}
