package org.redwhistle.api.compact.internal;

import java.time.Clock;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Permission;
import org.redwhistle.api.compact.Article;
import org.redwhistle.api.compact.ArticleCategory;
import org.redwhistle.api.compact.CompactVersion;
import org.redwhistle.api.compact.PenaltyEffect;
import org.redwhistle.api.compact.VersionState;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * The compact's text and versions: read by the village's residents and everyone who works there;
 * drafted, edited and put to 四议两公开 by the committee. No route adopts a version: only a published
 * resolution does ({@link CompactService#on(org.redwhistle.api.decisions.ResolutionPublished)}).
 */
@RestController
public class CompactController {

    private final CompactService compacts;
    private final CompactAccess access;
    private final Blocking blocking;
    private final Clock clock;

    public CompactController(CompactService compacts, CompactAccess access, Blocking blocking, Clock clock) {
        this.compacts = compacts;
        this.access = access;
        this.blocking = blocking;
        this.clock = clock;
    }

    /**
     * A village's compact: {@code inForce} the version in force (null: none yet) and {@code versions} all of them,
     * newest first (drafts only for those who may draft).
     */
    public record Overview(long areaId, CompactVersion inForce, List<CompactVersion> versions, boolean mayManage) {
    }

    @GetMapping("/api/v1/compact")
    public Mono<Overview> compactOverview(Caller caller, @RequestParam(required = false) Long areaId) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            long village = access.village(user, areaId);
            access.requireReadable(user, village);
            boolean manage = mayManage(caller, village);
            List<CompactVersion> all = compacts.versions(village).stream().filter(v -> manage || v.state() != VersionState.DRAFT).toList();
            return new Overview(village, compacts.inForce(village).orElse(null), all, manage);
        });
    }

    @GetMapping("/api/v1/compact/versions/{id}")
    public Mono<CompactVersion> compactVersion(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            CompactVersion v = compacts.version(id).orElseThrow(() -> ApiException.notFound("compact version " + id));
            access.requireReadable(caller.user(), v.areaId());
            if (v.state() == VersionState.DRAFT && !mayManage(caller, v.areaId())) {
                throw ApiException.notFound("compact version " + id);
            }
            return v;
        });
    }

    /** A new draft for {@code areaId} (default: the caller's village): a copy of the version in force, or empty. */
    public record DraftBody(Long areaId, String title) {
    }

    @Refuses(status = 409, when = "the village has a draft or a version being decided")
    @PostMapping("/api/v1/compact/versions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<CompactVersion> draftCompactVersion(Caller caller, @RequestBody(required = false) DraftBody b) {
        return blocking.call(() -> {
            long village = access.village(caller.user(), b == null ? null : b.areaId());
            access.requireInside(caller, village);
            return compacts.draft(caller.user().username(), village, b == null ? null : b.title(), clock.instant());
        });
    }

    /**
     * An article as written: {@code category} SHALL, MUST_NOT, PENALTY or RESTORATION; a penalty's {@code effects}
     * (WELFARE_SUSPENDED, HONOURS_EXCLUDED, MEASURE with {@code measure} in words); a restoration's {@code lifts} (penalty
     * article numbers) and {@code condition}; {@code refs} the articles it refers to.
     */
    public record ArticleBody(Integer number, ArticleCategory category, String text, List<PenaltyEffect> effects, String measure,
            List<Integer> lifts, String condition, List<Integer> refs) {
        Article article() {
            return Article.of(number == null ? 0 : number, category == null ? ArticleCategory.SHALL : category, text,
                    effects == null ? List.of() : effects, measure, lifts == null ? List.of() : lifts, condition, refs == null ? List.of() : refs);
        }
    }

    public record DraftEdit(String title, List<ArticleBody> articles) {
    }

    @Refuses(status = 409, when = "the version is not a draft")
    @PutMapping("/api/v1/compact/versions/{id}")
    public Mono<CompactVersion> editCompactDraft(Caller caller, @PathVariable long id, @RequestBody DraftEdit b) {
        if (b == null || b.articles() == null) {
            throw ApiException.badField("articles", "is required (may be empty)");
        }
        for (int i = 0; i < b.articles().size(); i++) {
            if (b.articles().get(i) == null || b.articles().get(i).category() == null) {
                throw ApiException.badField("articles[" + i + "].category", "须为 SHALL（应当）、MUST_NOT（严禁）、PENALTY（处罚）或 RESTORATION（恢复）");
            }
        }
        return blocking.call(() -> {
            requireOwnVersion(caller, id);
            return compacts.saveDraft(caller.user().username(), id, b.title(), b.articles().stream().map(ArticleBody::article).toList(),
                    clock.instant());
        });
    }

    /** The draft goes to 四议两公开: its matter is created with it (one call), and the draft can no longer be edited. */
    @Refuses(status = 409, when = "the version is not a draft, or has no articles")
    @PostMapping("/api/v1/compact/versions/{id}/propose")
    public Mono<CompactVersion> proposeCompactVersion(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            requireOwnVersion(caller, id);
            return compacts.propose(caller.user().username(), id, clock.instant());
        });
    }

    private void requireOwnVersion(Caller caller, long id) {
        CompactVersion v = compacts.version(id).orElseThrow(() -> ApiException.notFound("compact version " + id));
        try {
            access.requireInside(caller, v.areaId());
        } catch (ApiException e) {
            throw ApiException.notFound("compact version " + id);
        }
    }

    private boolean mayManage(Caller caller, long village) {
        return caller.scopeFor(Permission.COMPACT_MANAGE)
                .map(s -> s == org.redwhistle.api.access.Scope.ALL || (s == org.redwhistle.api.access.Scope.AREA
                        && access.chain(village).contains(caller.user().areaId())))
                .orElse(false);
    }
}
