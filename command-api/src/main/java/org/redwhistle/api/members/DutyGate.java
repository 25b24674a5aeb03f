package org.redwhistle.api.members;

import java.util.Optional;

/**
 * Says whether a member may go on duty (AVAILABLE) now, and why not: implemented by the features
 * that know (the alliance: a suspended or ended membership, training not done). Every gate is asked
 * before a member goes on duty, by the member's own phone or by the command center; the first
 * refusal is the 409's reason, in Chinese.
 */
public interface DutyGate {

    /** Why the member may not go on duty, in words the member reads; empty when they may. */
    Optional<String> refusal(long memberId);
}
