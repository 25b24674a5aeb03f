package org.redwhistle.api.alarms.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos of the scene kept with the alarm ({@code alarm_photo}): a JPEG, PNG or WebP of at most
 * 5 MiB, checked by its first bytes, not only by what the client says; in the timeline and audited.
 * Whoever may see the alarm may add one: the dispatched member resolving it, or an operator.
 */
@Component
class AlarmPhotos {

    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final List<String> TYPES = List.of("image/jpeg", "image/png", "image/webp");

    /** A photo of the scene: its type, and its bytes. */
    record Photo(String contentType, byte[] data) {
    }

    /** Where a stored photo is fetched. */
    public record Added(long id, String url) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AlarmAccess access;
    private final AlarmTimeline timeline;
    private final AuditLog audit;
    private final AlarmQueries queries;
    private final AlarmSteps steps;

    AlarmPhotos(JdbcClient jdbc, TransactionTemplate tx, AlarmAccess access, AlarmTimeline timeline, AuditLog audit, AlarmQueries queries,
            AlarmSteps steps) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.access = access;
        this.timeline = timeline;
        this.audit = audit;
        this.queries = queries;
        this.steps = steps;
    }

    Added add(Caller caller, long id, String declaredType, byte[] data) {
        String user = caller.user().username();
        AlarmView a = access.visible(caller, id);
        String type = declaredType == null ? "" : declaredType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApiException.badField("Content-Type", "send the photo as image/jpeg, image/png or image/webp, not '" + declaredType + "'");
        }
        if (data.length == 0) {
            throw ApiException.badField("photo", "the body is empty");
        }
        if (!type.equals(sniff(data))) {
            throw ApiException.badField("photo", "the bytes are not a " + type + " image");
        }
        Instant now = Instant.now();
        Long photoId = tx.execute(s -> {
            long pid = jdbc.sql("insert into alarm_photo (alarm_id, content_type, bytes, data, uploaded_by) values (?, ?, ?, ?, ?) returning id")
                    .params(a.id(), type, data.length, data, user).query(Long.class).single();
            timeline.record(a.id(), user, "photo", timeline.current(a.id()), "现场照片 #" + pid, now);
            audit.record(user, "alarm.photo", "alarm", String.valueOf(a.id()), null, Map.of("photoId", pid, "bytes", data.length));
            return pid;
        });
        queries.find(a.id()).ifPresent(steps::changed);
        return new Added(photoId, "/api/v1/alarms/" + id + "/photos/" + photoId);
    }

    /** A photo of an alarm the caller may see. */
    Photo get(Caller caller, long id, long photoId) {
        access.visible(caller, id);
        return jdbc.sql("select content_type, data from alarm_photo where id = ? and alarm_id = ?").params(photoId, id)
                .query((rs, i) -> new Photo(rs.getString(1), rs.getBytes(2))).optional()
                .orElseThrow(() -> ApiException.notFound("photo " + photoId + " of alarm " + id));
    }

    private static String sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return "image/png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "image/webp";
        }
        return "unknown";
    }
}
