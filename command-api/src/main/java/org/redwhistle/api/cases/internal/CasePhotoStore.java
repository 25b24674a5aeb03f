package org.redwhistle.api.cases.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.redwhistle.api.cases.PhotoStage;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one owner of {@code case_photo}: every statement that writes it is here. (Reading a case
 * lists its photos' ids, stages and uploaders in {@link CaseStore}'s one statement, read-only.)
 */
@Repository
public class CasePhotoStore {

    private final JdbcClient jdbc;

    public CasePhotoStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored photo with its bytes; {@code caseId} null while not attached. */
    public record Stored(long id, Long caseId, PhotoStage stage, String contentType, byte[] data, long uploaderId) {
    }

    public long insert(String contentType, byte[] data, int width, int height, long uploaderId, Instant at) {
        return jdbc.sql("""
                insert into case_photo (content_type, bytes, data, width, height, uploaded_by, uploaded_at)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(contentType, data.length, data, width, height, uploaderId, Timestamp.from(at)).query(Long.class).single();
    }

    public Optional<Stored> find(long id) {
        return jdbc.sql("select id, case_id, stage, content_type, data, uploaded_by from case_photo where id = ?").param(id)
                .query((rs, i) -> new Stored(rs.getLong(1), (Long) rs.getObject(2), PhotoStage.valueOf(rs.getString(3)), rs.getString(4),
                        rs.getBytes(5), rs.getLong(6)))
                .optional();
    }

    /** How many of the user's uploads wait to be attached. */
    public long pending(long uploaderId) {
        return jdbc.sql("select count(*) from case_photo where uploaded_by = ? and case_id is null").param(uploaderId).query(Long.class).single();
    }

    /**
     * Attaches the user's own unattached uploads to the case; returns the ids that were. A photo
     * attached meanwhile by a concurrent request is not attached twice: the row is re-checked
     * under its lock.
     */
    public List<Long> attach(List<Long> ids, long uploaderId, long caseId, PhotoStage stage) {
        return jdbc.sql("""
                update case_photo set case_id = ?, stage = ?
                where id = any(?) and uploaded_by = ? and case_id is null returning id""")
                .params(caseId, stage.name(), ids.toArray(Long[]::new), uploaderId).query(Long.class).list();
    }

    /** Deletes the uploads never attached to a case since {@code before}; returns how many. */
    public int deleteUnattachedBefore(Instant before) {
        return jdbc.sql("delete from case_photo where case_id is null and uploaded_at < ?").param(Timestamp.from(before)).update();
    }
}
