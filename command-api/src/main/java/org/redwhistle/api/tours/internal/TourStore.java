package org.redwhistle.api.tours.internal;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.redwhistle.geo.tours.TourRound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The statements on the tours feature's tables: {@code tour}, {@code tour_checkpoint},
 * {@code tour_visit} and {@code tour_round} ({@code tour_round.alarm_id} names an alarm of the
 * alarms feature). {@link Tours#reload} still reads {@code tour} and {@code tour_checkpoint} itself
 * (joining {@code area}, owned by areas): it is a scheduled job whose body another change wraps.
 */
@Component
public class TourStore {

    static final String COUNT_CODE = "select count(*) from tour where code = ?";

    static final String INSERT_TOUR = """
            insert into tour (code, name, area_id, window_from, window_to, interval_min, round_min, days, radius_m, member_id)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""";

    static final String INSERT_CHECKPOINT = """
            insert into tour_checkpoint (tour_id, seq, code, name, location) values (?, ?, ?, ?, st_setsrid(st_makepoint(?, ?), 4326))""";

    static final String INSERT_VISIT = "insert into tour_visit (tour_id, seq, at, method, subject) values (?,?,?,?,?) on conflict do nothing";

    static final String VISITS = "select seq, at, method, subject from tour_visit where tour_id = ? and at >= ? and at < ?";

    static final String ROUND_STORED = "select count(*) from tour_round where tour_id = ? and starts_at = ?";

    static final String INSERT_ROUND = """
            insert into tour_round (tour_id, starts_at, due_at, complete, report) values (?, ?, ?, ?, cast(? as jsonb))
            on conflict do nothing""";

    static final String UPDATE_REPORT = "update tour_round set report = cast(? as jsonb), complete = ? where tour_id = ? and starts_at = ?";

    static final String SET_ALARM = "update tour_round set alarm_id = ? where tour_id = ? and starts_at = ?";

    static final String ROUNDS = """
            select starts_at, report::text, alarm_id from tour_round where tour_id = ? and starts_at between ? and ? order by starts_at""";

    private final JdbcClient jdbc;

    public TourStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A checkpoint to create, in WGS-84. */
    public record NewCheckpoint(String code, String name, double lon, double lat) {
    }

    public boolean codeTaken(String code) {
        return jdbc.sql(COUNT_CODE).param(code).query(Long.class).single() > 0;
    }

    /** A new tour and its route, in the caller's transaction; checkpoints are numbered from 1 in order. Returns its id. */
    public long create(String code, String name, long areaId, LocalTime from, LocalTime to, int intervalMin, int roundMin, Set<DayOfWeek> days,
            double radiusM, Long memberId, List<NewCheckpoint> route) {
        long id = jdbc.sql(INSERT_TOUR)
                .params(code, name, areaId, from, to, intervalMin, roundMin, days.stream().map(d -> (short) d.getValue()).toArray(Short[]::new),
                        radiusM, memberId)
                .query(Long.class).single();
        for (int i = 0; i < route.size(); i++) {
            NewCheckpoint c = route.get(i);
            jdbc.sql(INSERT_CHECKPOINT).params(id, i + 1, c.code(), c.name(), c.lon(), c.lat()).update();
        }
        return id;
    }

    public void insertVisit(long tourId, int seq, Instant at, String method, String subject) {
        jdbc.sql(INSERT_VISIT).params(tourId, seq, Timestamp.from(at), method, subject).update();
    }

    /** The visits of a tour in [from, to). */
    public List<TourRound.Visit> visits(long tourId, Instant from, Instant to) {
        return jdbc.sql(VISITS).params(tourId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> new TourRound.Visit(rs.getInt(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4))).list();
    }

    public boolean roundStored(long tourId, Instant start) {
        return jdbc.sql(ROUND_STORED).params(tourId, Timestamp.from(start)).query(Long.class).single() > 0;
    }

    /** Stores a round's report (JSON text) unless another instance did first; returns whether this one did. */
    public boolean insertRound(long tourId, Instant start, Instant due, boolean complete, String reportJson) {
        return jdbc.sql(INSERT_ROUND).params(tourId, Timestamp.from(start), Timestamp.from(due), complete, reportJson).update() == 1;
    }

    public void updateReport(long tourId, Instant start, boolean complete, String reportJson) {
        jdbc.sql(UPDATE_REPORT).params(reportJson, complete, tourId, Timestamp.from(start)).update();
    }

    public void setAlarm(long tourId, Instant start, long alarmId) {
        jdbc.sql(SET_ALARM).params(alarmId, tourId, Timestamp.from(start)).update();
    }

    /** A stored round: its report as JSON text and the alarm it raised, if any. */
    public record StoredRound(Instant start, String reportJson, Long alarmId) {
    }

    /** The stored rounds of a tour starting in [from, to], in order. */
    public List<StoredRound> rounds(long tourId, Instant from, Instant to) {
        return jdbc.sql(ROUNDS).params(tourId, Timestamp.from(from), Timestamp.from(to))
                .query((rs, i) -> new StoredRound(rs.getTimestamp(1).toInstant(), rs.getString(2), (Long) rs.getObject(3))).list();
    }
}
