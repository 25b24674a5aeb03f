package org.redwhistle.api.members.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements that create and describe {@code member} rows (the members feature's table; the live
 * statements are {@link MemberStore}'s). A member who exists keeps their role, state, position and terminal.
 */
@Component
public class MemberRecordStore {

    static final String UPSERT_PATROL = """
            insert into member (name, role, affiliation, phone, area_id, user_id, state)
            values (:name, 'PATROL', :affiliation, :phone, :area, :user, 'OFF_DUTY')
            on conflict (user_id) do update set name = excluded.name, affiliation = excluded.affiliation, phone = excluded.phone,
                area_id = excluded.area_id, updated_at = now()
            returning id""";

    private final JdbcClient jdbc;

    public MemberRecordStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long upsertPatrol(long userId, String name, String phone, String affiliation, long areaId) {
        return jdbc.sql(UPSERT_PATROL).param("name", name).param("affiliation", affiliation).param("phone", phone).param("area", areaId)
                .param("user", userId).query(Long.class).single();
    }

    public Optional<Long> ofUser(long userId) {
        return jdbc.sql("select id from member where user_id = ?").param(userId).query(Long.class).optional();
    }
}
