package org.redwhistle.api.members;

import java.util.Optional;

import org.redwhistle.api.members.internal.MemberRecordStore;
import org.springframework.stereotype.Component;

/**
 * Making someone a responder: the {@code member} row of an account, created when missing (off duty, not
 * located yet), its name, phone, affiliation and area kept up to date when it exists. The alliance makes
 * its vetted members patrol members this way. The geo engine's index picks the row up by itself.
 */
@Component
public class MemberRecords {

    private final MemberRecordStore store;

    public MemberRecords(MemberRecordStore store) {
        this.store = store;
    }

    /** The account's PATROL responder (created or updated), in the caller's transaction; its member id. */
    public long ensurePatrol(long userId, String name, String phone, String affiliation, long areaId) {
        return store.upsertPatrol(userId, name, phone, affiliation, areaId);
    }

    /** The member of an account, if it has one. */
    public Optional<Long> ofUser(long userId) {
        return store.ofUser(userId);
    }
}
