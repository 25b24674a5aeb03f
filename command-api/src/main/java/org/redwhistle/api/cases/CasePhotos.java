package org.redwhistle.api.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.internal.CasePhotoProperties;
import org.redwhistle.api.cases.internal.CasePhotoStore;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.images.ImageFormat;
import org.redwhistle.api.images.PhotoNormalizer;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Photos of cases. A resident (or a grid worker, an operator…) uploads a picture first and gets its
 * url; the picture is checked by its bytes, decoded within a pixel budget, shrunk and re-encoded
 * without EXIF ({@link PhotoNormalizer}) on a small scheduler of its own, so decoding takes bounded
 * memory and never the event loop. The url is then listed in the new case's {@code photos} or in the
 * report's, which attaches it ({@link Cases}). Until then only the uploader may fetch it; after, whoever
 * may see the case. Uploads never attached are deleted after {@code keep-unattached}.
 */
@Service
public class CasePhotos implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CasePhotos.class);

    private final CasePhotoStore store;
    private final Cases cases;
    private final CasePhotoProperties props;
    private final AuditLog audit;
    private final ClusterJobs jobs;
    private final Clock clock;
    private final Scheduler decoding;

    public CasePhotos(CasePhotoStore store, Cases cases, CasePhotoProperties props, AuditLog audit, ClusterJobs jobs, Clock clock) {
        PhotoNormalizer.requireCodecs();
        this.store = store;
        this.cases = cases;
        this.props = props;
        this.audit = audit;
        this.jobs = jobs;
        this.clock = clock;
        this.decoding = Schedulers.newBoundedElastic(Math.max(1, props.decoders()), 32, "case-photo");
    }

    /** Where an upload is fetched and how a case or report refers to it. */
    public record CasePhotoRef(long id, String url) {
    }

    /** A stored picture: its type and bytes. */
    public record PhotoBytes(String contentType, byte[] data) {
    }

    /** The largest body accepted, in bytes. */
    public int maxBytes() {
        return (int) Math.min(Integer.MAX_VALUE - 8, props.maxBytes().toBytes());
    }

    /** 413 naming {@code photo}: the body is larger than accepted. */
    public ApiException tooLarge() {
        String why = "at most " + props.maxBytes().toMegabytes() + " MiB";
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Photo too large", "photo: " + why, List.of(new ApiException.FieldError("photo", why)));
    }

    /** Checks, normalizes and stores the picture as the user's upload, waiting to be attached. */
    public Mono<CasePhotoRef> upload(CurrentUser user, String contentType, byte[] data) {
        ImageFormat declared = ImageFormat.ofMediaType(contentType).orElseThrow(() -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported photo type", "Content-Type: send the photo as " + ImageFormat.names() + ", not '" + contentType + "'",
                List.of(new ApiException.FieldError("Content-Type", "send " + ImageFormat.names()))));
        if (data.length > props.maxBytes().toBytes()) {
            throw tooLarge();
        }
        return Mono.fromCallable(() -> store(user, declared, data)).subscribeOn(decoding)
                .onErrorMap(RejectedExecutionException.class, e -> new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Busy",
                        "too many photos are being processed right now: try again in a few seconds", List.of()));
    }

    private CasePhotoRef store(CurrentUser user, ImageFormat declared, byte[] data) {
        if (store.pending(user.id()) >= props.maxPending()) {
            throw PhotoNormalizer.refused("photo", "you have " + props.maxPending() + " photos not yet attached to a request: file the request first");
        }
        PhotoNormalizer.Normalized n = PhotoNormalizer.normalize("photo", data, declared, props.limits());
        long id = store.insert(n.contentType(), n.data(), n.width(), n.height(), user.id(), clock.instant());
        log.info("case photo {} uploaded by {}: {} {} bytes -> {}x{} jpeg {} bytes", id, user.username(), declared.mediaType(), data.length, n.width(),
                n.height(), n.data().length);
        return new CasePhotoRef(id, CasePhoto.urlOf(id));
    }

    /** The photo, for its uploader while it is not attached, or for whoever may see its case; empty otherwise. */
    public Optional<PhotoBytes> fetch(CurrentUser user, long id) {
        return store.find(id).filter(p -> p.caseId() == null ? p.uploaderId() == user.id() : seesCase(user, p.caseId()))
                .map(p -> new PhotoBytes(p.contentType(), p.data()));
    }

    /** Only a photo already attached to a case the user may see (an Open311 client: the requests its key filed). */
    public Optional<PhotoBytes> fetchAttached(CurrentUser user, long id) {
        return store.find(id).filter(p -> p.caseId() != null && seesCase(user, p.caseId())).map(p -> new PhotoBytes(p.contentType(), p.data()));
    }

    private boolean seesCase(CurrentUser user, long caseId) {
        return cases.find(caseId, false).filter(c -> cases.canSee(user, c)).isPresent();
    }

    @Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT1H")
    public void scheduled() {
        jobs.runExclusively("cases.photos.sweep", () -> sweepUnattached(clock.instant()));
    }

    /** Deletes uploads not attached within {@code keep-unattached} of {@code now}; returns how many. */
    public int sweepUnattached(Instant now) {
        int gone = store.deleteUnattachedBefore(now.minus(props.keepUnattached()));
        if (gone > 0) {
            audit.record(AuditLog.SYSTEM, "case.photos.swept", "case_photo", "unattached", null,
                    Map.of("deleted", gone, "uploadedBefore", now.minus(props.keepUnattached()).toString()));
            log.info("deleted {} case photos never attached to a request", gone);
        }
        return gone;
    }

    @Override
    public void destroy() {
        decoding.dispose();
    }
}
