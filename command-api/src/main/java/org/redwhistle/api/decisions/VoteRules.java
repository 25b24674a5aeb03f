package org.redwhistle.api.decisions;

import java.util.List;
import java.util.Optional;

/** The rules of the meetings that vote, by code (村民代表会议 REPRESENTATIVES, 党员大会 PARTY_MEMBERS, 居民会议 RESIDENTS_MEETING, …). */
public interface VoteRules {

    Optional<VoteRule> rule(String code);

    List<VoteRule> all();
}
