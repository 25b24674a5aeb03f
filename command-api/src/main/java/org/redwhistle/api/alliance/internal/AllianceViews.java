package org.redwhistle.api.alliance.internal;

import java.time.Instant;
import java.util.List;

import org.redwhistle.api.alliance.MembershipStatus;
import org.redwhistle.api.registry.IdNumbers;
import org.springframework.stereotype.Component;

/** The alliance's answers: a member as the police and the member see them (ID number masked to its last four), their history. */
@Component
class AllianceViews {

    /** A member: who, what trade and employer, which team and area, where the membership stands, the badge. */
    public record AllianceMember(long id, String name, String phone, String idNumber, String trade, String tradeLabel, String employer, Long teamId,
            String team, String ledBy, long areaId, String areaName, String status, String statusLabel, String statusReason, String badgeNo,
            String badgeToken, Long memberId, String username, String appliedBy, Instant appliedAt, Instant since) {
    }

    /** One change of the membership's status: from, to (codes and words), why, by whom, when. */
    public record AllianceHistoryLine(String from, String fromLabel, String to, String toLabel, String reason, String actor, Instant at) {
    }

    /** A member's record: the member and every change of their status, oldest first. */
    public record AllianceMemberRecord(AllianceMember member, List<AllianceHistoryLine> history) {
    }

    private final AllianceStore store;
    private final BadgeSigner badges;

    AllianceViews(AllianceStore store, BadgeSigner badges) {
        this.store = store;
        this.badges = badges;
    }

    AllianceMember view(AllianceStore.Row m) {
        boolean badged = m.badgeNo() != null && (m.status() == MembershipStatus.ACTIVE || m.status() == MembershipStatus.SUSPENDED);
        return new AllianceMember(m.id(), m.name(), m.phone(), IdNumbers.masked(m.idNumber()), m.trade().name(), m.trade().label(), m.employer(),
                m.teamId(), m.teamName(), m.ledByName(), m.areaId(), m.areaName(), m.status().name(), m.status().label(), m.statusReason(),
                m.badgeNo(), badged ? badges.token(m.id(), m.badgeVersion()) : null, m.memberId(), m.username(), m.appliedBy(), m.appliedAt(),
                m.since());
    }

    AllianceMemberRecord detail(AllianceStore.Row m) {
        return new AllianceMemberRecord(view(m), store.history(m.id()).stream().map(c -> new AllianceHistoryLine(c.from() == null ? null : c.from().name(),
                c.from() == null ? null : c.from().label(), c.to().name(), c.to().label(), c.reason(), c.actor(), c.at())).toList());
    }

    /** The badge number as printed: 平安联盟 370705-00123. */
    static String printed(String badgeNo) {
        return badgeNo == null ? null : "平安联盟 " + badgeNo;
    }
}
