package org.redwhistle.api.alarms.internal;

import java.time.Instant;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.images.ImageFormat;
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
        String type = ImageFormat.ofMediaType(declaredType).map(ImageFormat::mediaType).orElseThrow(
                () -> ApiException.badField("Content-Type", "send the photo as " + ImageFormat.names() + ", not '" + declaredType + "'"));
        if (data.length == 0) {
            throw ApiException.badField("photo", "the body is empty");
        }
        if (!ImageFormat.sniff(data).map(ImageFormat::mediaType).filter(type::equals).isPresent()) {
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
}
