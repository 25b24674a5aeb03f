package org.redwhistle.api.allianceduty.internal;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.allianceduty.TrainingResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code training_course}, {@code training_session} and {@code training_record}. Reads join
 * {@code area} (name, path) and {@code member} (name), owned elsewhere.
 */
@Repository
class TrainingStore {

    /** A course: required before going on duty, and how many months a pass holds (null: for good). */
    record Course(String code, String label, boolean required, Integer validityMonths, boolean active) {

        /** The first day a pass on {@code heldOn} no longer counts (null: never). */
        LocalDate expiresOn(LocalDate heldOn) {
            return validityMonths == null ? null : heldOn.plusMonths(validityMonths);
        }
    }

    record Session(long id, String course, String courseLabel, long areaId, String areaName, LocalDate heldOn, String place, String trainer,
            String note, int attended, int passed) {
    }

    /** A member's result at a session, with the session's course and day. */
    record Record(long id, long sessionId, long memberId, String memberName, String course, String courseLabel, LocalDate heldOn, String place,
            String trainer, TrainingResult result, String note, String recordedBy) {
    }

    private static final String SESSIONS = """
            select s.id, s.course, c.label, s.area_id, a.name area_name, s.held_on, s.place, s.trainer, s.note,
                   (select count(*) from training_record r where r.session_id = s.id and r.result <> 'ABSENT') attended,
                   (select count(*) from training_record r where r.session_id = s.id and r.result = 'PASSED') passed
            from training_session s join training_course c on c.code = s.course join area a on a.id = s.area_id
            """;

    private static final String RECORDS = """
            select r.id, r.session_id, r.member_id, m.name, s.course, c.label, s.held_on, s.place, s.trainer, r.result, r.note, r.recorded_by
            from training_record r join training_session s on s.id = r.session_id join training_course c on c.code = s.course
                 join member m on m.id = r.member_id
            """;

    private final JdbcClient jdbc;

    TrainingStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Course> courses() {
        return jdbc.sql("select code, label, required, validity_months, active from training_course order by sort, code")
                .query(TrainingStore::course).list();
    }

    Optional<Course> course(String code) {
        return jdbc.sql("select code, label, required, validity_months, active from training_course where code = ?").param(code)
                .query(TrainingStore::course).optional();
    }

    void insertCourse(Course c) {
        jdbc.sql("""
                insert into training_course (code, label, required, validity_months, active, sort)
                values (?, ?, ?, ?, ?, (select coalesce(max(sort), 0) + 10 from training_course))""")
                .params(c.code(), c.label(), c.required(), c.validityMonths(), c.active()).update();
    }

    void updateCourse(Course c) {
        jdbc.sql("update training_course set label = ?, required = ?, validity_months = ?, active = ? where code = ?")
                .params(c.label(), c.required(), c.validityMonths(), c.active(), c.code()).update();
    }

    long insertSession(String course, long areaId, LocalDate heldOn, String place, String trainer, String note, String by, Instant at) {
        return jdbc.sql("""
                insert into training_session (course, area_id, held_on, place, trainer, note, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(course, areaId, Date.valueOf(heldOn), place, trainer, note, by, Timestamp.from(at)).query(Long.class).single();
    }

    Optional<Long> sessionId(String course, long areaId, LocalDate heldOn, String place) {
        return jdbc.sql("select id from training_session where course = ? and area_id = ? and held_on = ? and place = ? order by id limit 1")
                .params(course, areaId, Date.valueOf(heldOn), place).query(Long.class).optional();
    }

    Optional<Session> session(long id) {
        return jdbc.sql(SESSIONS + " where s.id = ?").param(id).query(TrainingStore::session).optional();
    }

    /** The sessions inside the area (all when null), latest first. */
    List<Session> sessions(Long scopeAreaId) {
        return jdbc.sql(SESSIONS + " where cast(:scope as bigint) is null or cast(:scope as bigint) = any(a.path) order by s.held_on desc, s.id desc")
                .param("scope", scopeAreaId).query(TrainingStore::session).list();
    }

    /** Records (or replaces) the member's result at the session; returns the result it replaced, if any. */
    Optional<TrainingResult> upsertRecord(long sessionId, long memberId, TrainingResult result, String note, String by, Instant at) {
        Optional<TrainingResult> before = jdbc.sql("select result from training_record where session_id = ? and member_id = ? for update")
                .params(sessionId, memberId).query((rs, i) -> TrainingResult.valueOf(rs.getString(1))).optional();
        jdbc.sql("""
                insert into training_record (session_id, member_id, result, note, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?)
                on conflict (session_id, member_id) do update set result = excluded.result, note = excluded.note,
                    recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at""")
                .params(sessionId, memberId, result.name(), note, by, Timestamp.from(at)).update();
        return before;
    }

    List<Record> recordsOfSession(long sessionId) {
        return jdbc.sql(RECORDS + " where r.session_id = ? order by m.name, r.id").param(sessionId).query(TrainingStore::record).list();
    }

    List<Record> recordsOfMember(long memberId) {
        return jdbc.sql(RECORDS + " where r.member_id = ? order by s.held_on desc, r.id desc").param(memberId).query(TrainingStore::record).list();
    }

    /** The passes of these members, latest first (for their standing in the required courses). */
    List<Record> passesOf(Collection<Long> memberIds) {
        if (memberIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(RECORDS + " where r.member_id = any(?) and r.result = 'PASSED' order by s.held_on desc, r.id desc")
                .param(memberIds.toArray(Long[]::new)).query(TrainingStore::record).list();
    }

    private static Course course(ResultSet rs, int i) throws SQLException {
        return new Course(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getObject(4, Integer.class), rs.getBoolean(5));
    }

    private static Session session(ResultSet rs, int i) throws SQLException {
        return new Session(rs.getLong("id"), rs.getString("course"), rs.getString("label"), rs.getLong("area_id"), rs.getString("area_name"),
                rs.getDate("held_on").toLocalDate(), rs.getString("place"), rs.getString("trainer"), rs.getString("note"), rs.getInt("attended"),
                rs.getInt("passed"));
    }

    private static Record record(ResultSet rs, int i) throws SQLException {
        return new Record(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getDate(7).toLocalDate(), rs.getString(8), rs.getString(9), TrainingResult.valueOf(rs.getString(10)), rs.getString(11),
                rs.getString(12));
    }
}
