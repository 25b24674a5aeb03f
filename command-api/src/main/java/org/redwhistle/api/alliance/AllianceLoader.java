package org.redwhistle.api.alliance;

import java.time.Instant;
import java.util.List;

/**
 * Writes the alliance in batches, for seeding: teams by area and name, members by ID number. What exists is
 * kept, so running it again changes nothing. People's work goes through the audited REST API instead.
 */
public interface AllianceLoader {

    /** The team of this name in the area, created when missing; its id. */
    long team(long areaId, String name, LedBy ledBy, String ledByName, Long leaderUserId);

    /**
     * A member to load; {@code userId}/{@code memberId}: their account and responder when they have them (null:
     * none). Active, suspended and departed members get a badge number; {@code since}: when they joined.
     */
    record NewMember(long areaId, Long teamId, String name, String phone, String idNumber, Trade trade, String employer,
            MembershipStatus status, String reason, Instant appliedAt, Instant since, Long userId, Long memberId) {
    }

    /** Inserts the members whose ID number is not yet known, with one history line each; how many were inserted. */
    int loadMembers(List<NewMember> members);

    /** How many members the alliance has in any status. */
    long count();
}
