package org.redwhistle.api.compact.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.Uploads;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.compact.Compacts;
import org.redwhistle.api.compact.Violation;
import org.redwhistle.api.compact.ViolationState;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.images.ImageFormat;
import org.redwhistle.api.images.PhotoNormalizer;
import org.redwhistle.api.registry.Household;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

/**
 * Violations of the compact, the households' records and the welfare suspensions. A grid worker reports
 * for the households of their grid, the committee for the village; the committee confirms (the penalty
 * article applied), dismisses and restores; the household (its own members) or the committee appeals.
 */
@RestController
public class ViolationController {

    static final int MAX_PHOTO_BYTES = 10 * 1024 * 1024;
    static final PhotoNormalizer.Limits LIMITS = new PhotoNormalizer.Limits(1600, 40_000_000L, 0.85f);

    private final CompactService compacts;
    private final CompactAccess access;
    private final HouseholdPicker picker;
    private final Blocking blocking;
    private final Clock clock;

    public ViolationController(CompactService compacts, CompactAccess access, HouseholdPicker picker, Blocking blocking, Clock clock) {
        this.compacts = compacts;
        this.access = access;
        this.picker = picker;
        this.blocking = blocking;
        this.clock = clock;
    }

    public record Violations(List<Violation> items) {
    }

    /** A village's violations the caller reaches (a grid worker: their grid's households; a resident: their own household's). */
    @GetMapping("/api/v1/compact/violations")
    public Mono<Violations> compactViolations(Caller caller, @RequestParam(required = false) Long areaId, @RequestParam(required = false) ViolationState state) {
        return blocking.call(() -> {
            long village = access.village(caller.user(), areaId);
            access.requireReadable(caller.user(), village);
            return new Violations(compacts.ofArea(village, state).stream().filter(v -> reaches(caller, v)).toList());
        });
    }

    @GetMapping("/api/v1/compact/violations/{id}")
    public Mono<Violation> compactViolation(Caller caller, @PathVariable long id) {
        return blocking.call(() -> visible(caller, id));
    }

    /** A report: {@code areaId} the village (default: the reporter's), the household, the article breached, what happened, where, when. */
    public record ReportBody(Long areaId, Long householdId, Integer articleNo, String description, String place, LocalDate occurredOn) {
    }

    @Refuses(status = 409, when = "the village has no compact in force")
    @PostMapping("/api/v1/compact/violations")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Violation> reportCompactViolation(Caller caller, @RequestBody ReportBody b) {
        if (b == null || b.householdId() == null) {
            throw ApiException.badField("householdId", "is required");
        }
        if (b.articleNo() == null) {
            throw ApiException.badField("articleNo", "is required: the article breached");
        }
        return blocking.call(() -> {
            long village = access.village(caller.user(), b.areaId());
            Household h = access.household(caller, b.householdId());
            if (h.areaId() != village) {
                throw ApiException.badField("householdId", "不是本村的住户");
            }
            return compacts.report(caller.user().username(), village,
                    new Compacts.Report(h.id(), b.articleNo(), b.description(), b.place(), b.occurredOn()), clock.instant());
        });
    }

    public record PhotoRef(long id, String url) {
    }

    /** An evidence picture for a reported violation: the raw body, image/jpeg, image/png or image/webp; stored as a JPEG without EXIF. */
    @Refuses(status = 409, when = "the violation is no longer waiting for the committee's decision, or has 9 pictures")
    @Refuses(status = 413, when = "photo: larger than 10 MiB")
    @Refuses(status = 415, when = "Content-Type: not image/jpeg, image/png or image/webp")
    @Refuses(status = 422, when = "photo: the bytes are not the declared type or cannot be decoded")
    @Operation(requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "the picture's bytes",
            content = {@Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary")),
                @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary"))}))
    @PostMapping("/api/v1/compact/violations/{id}/photos")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<PhotoRef> addCompactPhoto(Caller caller, @PathVariable long id, ServerHttpRequest request) {
        String type = request.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        ImageFormat declared = ImageFormat.ofMediaType(type).orElseThrow(() -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported photo type", "Content-Type: send the photo as " + ImageFormat.names(),
                List.of(new ApiException.FieldError("Content-Type", "send " + ImageFormat.names()))));
        return Uploads.body(request, MAX_PHOTO_BYTES, ViolationController::tooLarge)
                .flatMap(bytes -> blocking.call(() -> {
                    visible(caller, id);
                    PhotoNormalizer.Normalized n = PhotoNormalizer.normalize("photo", bytes, declared, LIMITS);
                    long photoId = compacts.addPhoto(caller.user().username(), id, n.data(), n.width(), n.height(), clock.instant());
                    return new PhotoRef(photoId, "/api/v1/compact/violations/" + id + "/photos/" + photoId);
                }));
    }

    @ApiResponse(responseCode = "200", description = "the stored JPEG",
            content = @Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/v1/compact/violations/{id}/photos/{photoId}")
    public Mono<ResponseEntity<byte[]>> compactPhoto(Caller caller, @PathVariable long id, @PathVariable long photoId) {
        return blocking.call(() -> {
            visible(caller, id);
            ViolationStore.Photo p = compacts.photo(id, photoId).orElseThrow(() -> ApiException.notFound("photo " + photoId));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(p.contentType()))
                    .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(p.data());
        });
    }

    /** The committee's decision: the penalty article applied; {@code effectiveFrom} the suspension's first day (default: today). */
    public record ConfirmBody(Integer penaltyArticle, String note, LocalDate effectiveFrom) {
    }

    @Refuses(status = 409, when = "the violation is not waiting for a decision")
    @PostMapping("/api/v1/compact/violations/{id}/confirm")
    public Mono<Violation> confirmCompactViolation(Caller caller, @PathVariable long id, @RequestBody ConfirmBody b) {
        if (b == null || b.penaltyArticle() == null) {
            throw ApiException.badField("penaltyArticle", "is required: the penalty article applied");
        }
        return blocking.call(() -> {
            inVillage(caller, id);
            return compacts.confirm(caller.user().username(), id, b.penaltyArticle(), b.note(), b.effectiveFrom(), clock.instant());
        });
    }

    public record ReasonBody(String reason) {
    }

    @Refuses(status = 409, when = "the violation is not waiting for a decision")
    @PostMapping("/api/v1/compact/violations/{id}/dismiss")
    public Mono<Violation> dismissCompactViolation(Caller caller, @PathVariable long id, @RequestBody ReasonBody b) {
        return blocking.call(() -> {
            inVillage(caller, id);
            return compacts.dismiss(caller.user().username(), id, b == null ? null : b.reason(), clock.instant());
        });
    }

    /**
     * The restoration condition met: by which restoration article, on what evidence, checked by whom;
     * {@code from} the day welfare is paid again (default: the first day of next month).
     */
    public record RestoreBody(Integer restorationArticle, String evidence, String checkedBy, LocalDate from) {
    }

    @Refuses(status = 409, when = "the violation is not confirmed")
    @PostMapping("/api/v1/compact/violations/{id}/restore")
    public Mono<Violation> restoreCompactViolation(Caller caller, @PathVariable long id, @RequestBody RestoreBody b) {
        if (b == null || b.restorationArticle() == null) {
            throw ApiException.badField("restorationArticle", "is required: the restoration article");
        }
        return blocking.call(() -> {
            inVillage(caller, id);
            return compacts.restore(caller.user().username(), id, b.restorationArticle(), b.evidence(), b.checkedBy(), b.from(), clock.instant());
        });
    }

    /** An appeal to the village's mediation: by a member of the household, or by the committee on their behalf. */
    @Refuses(status = 409, when = "the violation is not confirmed, or was appealed already")
    @PostMapping("/api/v1/compact/violations/{id}/appeal")
    public Mono<Violation> appealCompactViolation(Caller caller, @PathVariable long id, @RequestBody ReasonBody b) {
        return blocking.call(() -> {
            visible(caller, id);
            return compacts.appeal(caller.user().username(), id, b == null ? null : b.reason(), clock.instant());
        });
    }

    public record Households(List<HouseholdPicker.Choice> items) {
    }

    /** The households a report may name: a grid worker those of their grid, the committee the village's. */
    @GetMapping("/api/v1/compact/households")
    public Mono<Households> compactHouseholds(Caller caller, @RequestParam(required = false) Long areaId) {
        return blocking.call(() -> {
            long village = access.village(caller.user(), areaId);
            access.requireReadable(caller.user(), village);
            return new Households(picker.of(village).stream()
                    .filter(c -> access.reaches(caller, new Household(c.id(), c.areaId(), c.gridId(), c.code(), c.address(), null, null))).toList());
        });
    }

    /** A household's record: every violation with its penalty, restoration and appeal; {@code welfareSuspended} now. */
    public record HouseholdRecord(long householdId, String code, String address, boolean welfareSuspended, List<Violation> violations) {
    }

    @GetMapping("/api/v1/compact/households/{id}/record")
    public Mono<HouseholdRecord> compactHouseholdRecord(Caller caller, @PathVariable long id) {
        return blocking.call(() -> record(access.household(caller, id)));
    }

    /** The caller's own household's record (a resident: the household the registry places them in). */
    @GetMapping("/api/v1/compact/my-record")
    public Mono<HouseholdRecord> myCompactRecord(Caller caller) {
        return blocking.call(() -> {
            long own = access.ownHousehold(caller.user()).orElseThrow(() -> ApiException.notFound("your household in the registry"));
            return record(access.household(caller, own));
        });
    }

    private HouseholdRecord record(Household h) {
        List<Violation> all = compacts.ofHousehold(h.id());
        return new HouseholdRecord(h.id(), h.code(), h.address(), all.stream().anyMatch(v -> v.suspendsWelfareOn(compacts.today())), all);
    }

    /** A household whose welfare is suspended now: from when, under which penalty article, for which breach. */
    public record Suspension(long householdId, String householdCode, String householdAddress, String householdHead, long areaId,
            LocalDate suspendedFrom, int penaltyArticle, String penaltyText, int articleNo, String description, long violationId,
            String stateLabel) {
    }

    public record Suspensions(List<Suspension> items) {
    }

    /** The households whose welfare is suspended on {@code on} (default: today in Asia/Shanghai), for those who pay welfare: the village's committee, the district's departments. */
    @GetMapping("/api/v1/compact/welfare-suspensions")
    public Mono<Suspensions> welfareSuspensions(Caller caller, @RequestParam(required = false) Long areaId,
            @RequestParam(required = false) String on) {
        return blocking.call(() -> {
            LocalDate day;
            try {
                day = on == null || on.isBlank() ? compacts.today() : LocalDate.parse(on.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badField("on", "a date YYYY-MM-DD");
            }
            List<Violation> found;
            if (areaId == null && (caller.is(Scope.ALL) || caller.user().areaId() != null)) {
                found = compacts.suspending(null, day).stream().filter(v -> caller.is(Scope.ALL) || access.chain(v.areaId()).contains(caller.user().areaId()))
                        .toList();
            } else {
                access.requireInside(caller, areaId);
                found = compacts.suspending(areaId, day);
            }
            return new Suspensions(found.stream().map(v -> new Suspension(v.householdId(), v.householdCode(), v.householdAddress(), v.householdHead(),
                    v.areaId(), v.suspendedFrom(), v.penaltyArticle(), v.penaltyText(), v.articleNo(), v.description(), v.id(), v.stateLabel()))
                    .toList());
        });
    }

    private boolean reaches(Caller caller, Violation v) {
        return access.reachesHousehold(caller, v.householdId());
    }

    /** The violation, when the caller's permission reaches its household; 404 otherwise. */
    private Violation visible(Caller caller, long id) {
        Violation v = compacts.find(id).orElseThrow(() -> ApiException.notFound("violation " + id));
        if (!reaches(caller, v)) {
            throw ApiException.notFound("violation " + id);
        }
        return v;
    }

    /** The committee's decisions: the violation's village lies in the caller's area. */
    private void inVillage(Caller caller, long id) {
        Violation v = compacts.find(id).orElseThrow(() -> ApiException.notFound("violation " + id));
        try {
            access.requireInside(caller, v.areaId());
        } catch (ApiException e) {
            throw ApiException.notFound("violation " + id);
        }
    }

    private static ApiException tooLarge() {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "Photo too large", "photo: at most 10 MiB",
                List.of(new ApiException.FieldError("photo", "at most 10 MiB")));
    }
}
