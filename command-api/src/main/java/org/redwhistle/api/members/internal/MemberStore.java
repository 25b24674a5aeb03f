package org.redwhistle.api.members.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.members.Members.Carrier;
import org.redwhistle.api.members.Members.MemberView;
import org.redwhistle.geo.responders.Responder;
import org.redwhistle.geo.responders.ResponderRole;
import org.redwhistle.geo.responders.ResponderState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements on the members feature's tables, {@code member} and {@code member_position}.
 * Reads join {@code area} (owned by areas) for a member's area path and {@code app_user} (owned by
 * users) for the login name; they write only members' tables.
 */
@Component
public class MemberStore {

    static final String SELECT = """
            select m.id, m.name, m.role, m.affiliation, m.phone, m.area_id, u.username, m.device_id, m.state,
                   st_x(m.location) lon, st_y(m.location) lat, m.located_at
            from member m left join app_user u on u.id = m.user_id""";

    static final String LIST = SELECT + """
             join area a on a.id = m.area_id
            where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path))
              and (cast(:role as text) is null or m.role = cast(:role as text))
              and (cast(:state as text) is null or m.state = cast(:state as text))
            order by m.id""";

    static final String BY_USER = SELECT + " where m.user_id = ?";

    static final String BY_ID = SELECT + " where m.id = ?";

    static final String CARRIERS_OF = "select device_id, id, name from member where device_id = any(?)";

    static final String ALL_CARRIERS = "select device_id, id, name from member where device_id is not null";

    /** The members whose live position is a phone fix taken since {@code ?}: their terminals wait (the one-source rule). */
    static final String PHONE_HELD = "select id, located_at from member where location_source = 'phone' and located_at > ?";

    static final String SOURCE = "select location_source from member where id = ?";

    static final String AREA_PATH = "select a.path from member m join area a on a.id = m.area_id where m.id = ?";

    static final String INSERT_PHONE_FIX = """
            insert into member_position (member_id, ts, location, accuracy_m)
            values (?, ?, st_setsrid(st_makepoint(?, ?), 4326), ?) on conflict do nothing""";

    /**
     * One statement for the batch; the newest fix per member wins, and only if newer than the stored one.
     * Fixes name their member by terminal or by id: two statements (the {@code %s}), not one with a
     * parameter choosing the join column, whose generic plan (what a prepared statement may settle on)
     * could not hash-join and compared every fix with every member (measured: 550 ms for 500 fixes over
     * 10,000 members, holding those members' row locks all along, against 5 ms). A terminal's fix does not
     * move a member whose live position is a phone fix younger than {@code :fresh} (the one-source rule,
     * {@link org.redwhistle.api.members.MembersProperties#phoneHolds}).
     */
    static final String MOVE_LIVE = """
            with fix as (
                select distinct on (k) k, x, y, t, acc from unnest(cast(:ids as text[]), cast(:x as float8[]), cast(:y as float8[]),
                    cast(:t as timestamptz[]), cast(:acc as float4[])) as u(k, x, y, t, acc) order by k, t desc),
            moved as (
                update member m set location = st_setsrid(st_makepoint(f.x, f.y), 4326), located_at = f.t, accuracy_m = f.acc,
                    location_source = '%s', updated_at = now()
                from fix f
                where %s
                  and (m.located_at is null or m.located_at < f.t)%s
                returning m.id, m.name, m.role, m.state, f.x, f.y, f.t, m.area_id, m.device_id)
            select mv.*, a.path from moved mv join area a on a.id = mv.area_id""";

    static final String MOVE_LIVE_BY_DEVICE = MOVE_LIVE.formatted("terminal", "m.device_id = f.k", """

                  and (m.location_source is distinct from 'phone' or m.located_at + cast(:fresh as interval) <= f.t)""");

    static final String MOVE_LIVE_BY_ID = MOVE_LIVE.formatted("phone", "m.id = cast(f.k as bigint)", "");

    static final String SET_STATE = """
            update member m set state = ?, updated_at = now() from member old
            where m.id = ? and old.id = m.id returning old.state""";

    /** A busy member freed (their dispatch ended): to the state given, only if still BUSY. */
    static final String FREE = "update member set state = ?, updated_at = now() where id = ? and state = 'BUSY' returning id";

    private final JdbcClient jdbc;

    public MemberStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private static MemberView view(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp("located_at");
        return new MemberView(rs.getLong("id"), rs.getString("name"), rs.getString("role"), rs.getString("affiliation"),
                rs.getString("phone"), rs.getLong("area_id"), rs.getString("username"), rs.getString("device_id"), rs.getString("state"),
                (Double) rs.getObject("lon"), (Double) rs.getObject("lat"), at == null ? null : at.toInstant());
    }

    public List<MemberView> list(Long scopeAreaId, String role, String state) {
        return jdbc.sql(LIST).param("scope", scopeAreaId).param("role", role).param("state", state).query((rs, i) -> view(rs)).list();
    }

    public Optional<MemberView> byUser(long userId) {
        return jdbc.sql(BY_USER).param(userId).query((rs, i) -> view(rs)).optional();
    }

    public Optional<MemberView> byId(long id) {
        return jdbc.sql(BY_ID).param(id).query((rs, i) -> view(rs)).optional();
    }

    /** The carriers of these terminals; terminals nobody carries are absent. */
    public Map<String, Carrier> carriersOf(Collection<String> deviceIds) {
        Map<String, Carrier> found = new HashMap<>();
        jdbc.sql(CARRIERS_OF).param(deviceIds.toArray(String[]::new)).query(rs -> {
            found.put(rs.getString(1), new Carrier(rs.getLong(2), rs.getString(3)));
        });
        return found;
    }

    /** Every carried terminal and its carrier (one query, no row locks). */
    public Map<String, Carrier> allCarriers() {
        Map<String, Carrier> carriers = new HashMap<>();
        jdbc.sql(ALL_CARRIERS).query(rs -> {
            carriers.put(rs.getString(1), new Carrier(rs.getLong(2), rs.getString(3)));
        });
        return carriers;
    }

    /** The members whose live position is a phone fix taken after {@code since}, and when it was taken. */
    public Map<Long, Instant> phoneHeld(Instant since) {
        Map<Long, Instant> out = new HashMap<>();
        jdbc.sql(PHONE_HELD).param(Timestamp.from(since)).query(rs -> {
            out.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
        });
        return out;
    }

    /** Where the member's live position came from: {@code phone}, {@code terminal}, or empty when never located. */
    public Optional<String> positionSource(long memberId) {
        return jdbc.sql(SOURCE).param(memberId).query((rs, i) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(o -> o);
    }

    public List<Long> areaPath(long memberId) {
        return jdbc.sql(AREA_PATH).param(memberId).query((rs, i) -> List.of((Long[]) rs.getArray(1).getArray())).optional().orElse(List.of());
    }

    /** Keeps a phone fix in the member's history (a repeated one is ignored). */
    public void insertPhoneFix(long memberId, double lon, double lat, Float accuracyM, Instant ts) {
        jdbc.sql(INSERT_PHONE_FIX).params(memberId, Timestamp.from(ts), lon, lat, accuracyM).update();
    }

    /** A member moved by {@link #moveLive}, with the terminal they carry (null if none). */
    public record Moved(Responder responder, String deviceId) {
    }

    /**
     * Moves members to these fixes where newer than their stored position; {@code keys} are terminal
     * ids when {@code byDevice} (then a member whose live position is a phone fix younger than {@code phoneFreshness}
     * stays), member ids otherwise.
     */
    public List<Moved> moveLive(String[] keys, double[] lons, double[] lats, Timestamp[] ts, Float[] acc, boolean byDevice,
            java.time.Duration phoneFreshness) {
        List<Moved> out = new ArrayList<>();
        Double[] x = new Double[lons.length];
        Double[] y = new Double[lats.length];
        for (int i = 0; i < lons.length; i++) {
            x[i] = lons[i];
            y[i] = lats[i];
        }
        var statement = jdbc.sql(byDevice ? MOVE_LIVE_BY_DEVICE : MOVE_LIVE_BY_ID);
        if (byDevice) {
            statement = statement.param("fresh", phoneFreshness.toMillis() + " milliseconds");
        }
        statement.param("ids", keys)
                .param("x", x).param("y", y).param("t", Arrays.stream(ts).map(t -> t.toInstant().toString()).toArray(String[]::new)).param("acc", acc)
                .query(rs -> {
                    out.add(new Moved(new Responder(rs.getLong("id"), rs.getString("name"), ResponderRole.valueOf(rs.getString("role")),
                            ResponderState.valueOf(rs.getString("state")), rs.getDouble("x"), rs.getDouble("y"),
                            rs.getTimestamp("t").toInstant(), List.of((Long[]) rs.getArray("path").getArray())), rs.getString("device_id")));
                });
        return out;
    }

    /** Sets the duty state in the caller's transaction; returns the previous one, empty if the member does not exist. */
    public Optional<String> setState(long memberId, ResponderState state) {
        return jdbc.sql(SET_STATE).params(state.name(), memberId).query(String.class).optional();
    }

    /** Moves a BUSY member to {@code state} in the caller's transaction; whether they were BUSY (and moved). */
    public boolean freeIfBusy(long memberId, ResponderState state) {
        return jdbc.sql(FREE).params(state.name(), memberId).query(Long.class).optional().isPresent();
    }
}
