package org.redwhistle.api.alliance.internal;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.alliance.MembershipStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The public check of a badge's QR code, without logging in: whether it is a valid badge of a member in the
 * register, and the name, team, leading unit, trade and badge number printed on it; no phone, no ID number.
 */
@RestController
public class BadgeController {

    private final BadgeSigner signer;
    private final AllianceStore store;
    private final Blocking blocking;

    public BadgeController(BadgeSigner signer, AllianceStore store, Blocking blocking) {
        this.signer = signer;
        this.store = store;
        this.blocking = blocking;
    }

    /**
     * What a badge says: {@code valid} only for the current badge of a member in the register; {@code status} ACTIVE,
     * SUSPENDED, LEFT, REISSUED (an older badge, replaced) or INVALID (not a badge of this platform), with words.
     */
    public record BadgeCheck(boolean valid, String status, String statusLabel, String name, String team, String ledBy, String badgeNo) {
    }

    private static final BadgeCheck INVALID = new BadgeCheck(false, "INVALID", "无效", null, null, null, null);

    @GetMapping("/api/v1/public/badges/{token}")
    public Mono<BadgeCheck> check(@PathVariable String token) {
        var badge = signer.verify(token);
        if (badge.isEmpty()) {
            return Mono.just(INVALID);
        }
        return blocking.call(() -> store.byId(badge.get().allianceId()).filter(m -> m.badgeNo() != null).map(m -> {
            String status;
            String label;
            if (m.status() != MembershipStatus.ACTIVE && m.status() != MembershipStatus.SUSPENDED && m.status() != MembershipStatus.LEFT) {
                return INVALID;
            } else if (m.badgeVersion() != badge.get().version()) {
                status = "REISSUED";
                label = "已失效（已补发新标识）";
            } else {
                status = m.status().name();
                label = switch (m.status()) {
                    case ACTIVE -> "在册有效";
                    case SUSPENDED -> "已暂停";
                    default -> "已退出";
                };
            }
            // whom a badge names is shown only while it names a member (在册 or 暂停): a void or a former member's badge
            // says so and nothing about the person
            boolean names = "ACTIVE".equals(status) || "SUSPENDED".equals(status);
            return new BadgeCheck("ACTIVE".equals(status), status, label, names ? m.name() : null, names ? m.teamName() : null,
                    names ? m.ledByName() : null, AllianceViews.printed(m.badgeNo()));
        }).orElse(INVALID));
    }
}
