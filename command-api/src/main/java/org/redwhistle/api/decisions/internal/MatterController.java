package org.redwhistle.api.decisions.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.areas.AreaScope;
import org.redwhistle.api.decisions.Matters.Implementation;
import org.redwhistle.api.decisions.Matters.MatterView;
import org.redwhistle.api.decisions.Matters.Meeting;
import org.redwhistle.api.decisions.Matters.Member;
import org.redwhistle.api.decisions.Matters.NewMatter;
import org.redwhistle.api.decisions.Matters.Publication;
import org.redwhistle.api.decisions.Matters.Result;
import org.redwhistle.api.decisions.Matters.StepOutcome;
import org.redwhistle.api.decisions.Step;
import org.redwhistle.api.decisions.Tally;
import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.security.Role;
import org.redwhistle.geo.area.AreaDirectory;
import org.redwhistle.geo.area.AreaLevel;
import org.redwhistle.geo.area.AreaRef;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * A village's 四议两公开 over REST: its matters with their meetings ({@code GET /api/v1/decisions/matters}),
 * a new matter, a meeting for the next step (with the members present and the votes; the tally is the
 * system's), the resolution and the result made public, the implementation, a rejected matter proposed
 * again. The village's committee acts; leaders and operators of the town or district read, without the
 * names of who attended and how they voted. A step out of order or a meeting without quorum is a 409
 * with the reason in Chinese; another area's matter is a 404.
 */
@RestController
public class MatterController {

    private static final String COMPACT_VERSION = "compact-version";

    private final MatterService matters;
    private final AreaScope scope;
    private final AreaDirectory areas;
    private final VoteRuleStore rules;
    private final Blocking blocking;
    private final TransactionTemplate tx;

    public MatterController(MatterService matters, AreaScope scope, AreaDirectory areas, VoteRuleStore rules, Blocking blocking,
            TransactionTemplate tx) {
        this.matters = matters;
        this.scope = scope;
        this.areas = areas;
        this.rules = rules;
        this.blocking = blocking;
        this.tx = tx;
    }

    /** A village in reach, with the address of its public board (readable without logging in). */
    public record Village(long areaId, String code, String name, String boardUrl) {
    }

    /** The matters, latest first, and the villages they may belong to. */
    public record MatterList(List<MatterView> items, List<Village> villages) {
    }

    /** The matters of the villages in {@code areaId} (default: the caller's own area), latest first. */
    @GetMapping("/api/v1/decisions/matters")
    public Mono<MatterList> listMatters(Caller caller, @RequestParam(required = false) Long areaId) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            Long root = areaId != null ? areaId : user.areaId();
            if (root == null) {
                throw ApiException.badField("areaId", "is required for administrators");
            }
            if (!inReach(caller, root)) {
                throw ApiException.notFound("area " + root);
            }
            Map<Long, AreaRef> all = areas.all();
            List<AreaRef> villages = all.values().stream().filter(a -> a.level() == AreaLevel.COMMUNITY)
                    .filter(a -> AreaDirectory.chain(all, a.id()).stream().anyMatch(x -> x.id() == root))
                    .sorted(java.util.Comparator.comparing(AreaRef::code)).toList();
            List<MatterView> out = villages.stream().flatMap(a -> matters.ofArea(a.id()).stream()).map(m -> shown(user, m)).toList();
            return new MatterList(out, villages.stream().map(a -> new Village(a.id(), a.code(), a.name(),
                    "/board.html?village=" + a.code())).toList());
        });
    }

    @GetMapping("/api/v1/decisions/matters/{id}")
    public Mono<MatterView> getMatter(Caller caller, @PathVariable long id) {
        return blocking.call(() -> shown(caller.user(), visible(caller, id)));
    }

    /** The members of the body that takes the matter's next step, for the attendance list; the rule it votes under. */
    public record NextMeeting(Step step, String stepLabel, String body, String rule, String ruleName, String ruleText, List<Member> members,
            int presentNeeded) {
    }

    @Refuses(status = 409, when = "no meeting is due (the four steps are done, or the matter was rejected)")
    @GetMapping("/api/v1/decisions/matters/{id}/members")
    public Mono<NextMeeting> nextMeetingMembers(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            MatterView m = visible(caller, id);
            if (m.nextStep() == null) {
                throw new ApiException(HttpStatus.CONFLICT, "No meeting due", "当前没有待召开的会议（" + m.stateLabel() + "）", List.of());
            }
            Step step = m.nextStep();
            VoteRule rule = rules.rule(step.rule()).orElseThrow();
            List<Member> members = matters.body(m.areaId(), step);
            return new NextMeeting(step, step.label(), step.body(), rule.code(), rule.name(), rule.describe(), members,
                    members.isEmpty() ? 0 : rule.presentNeeded(members.size()));
        });
    }

    /**
     * A new matter of a village: {@code kind} a code of GET /api/v1/decisions/matter-kinds, {@code amountYuan} optional;
     * {@code subjectKind}/{@code subjectRef} what it decides when another feature asked (e.g. compact-version, "<area id>:<N>").
     */
    public record MatterBody(Long areaId, String title, String description, String kind, BigDecimal amountYuan, String subjectKind,
            String subjectRef) {
    }

    @PostMapping("/api/v1/decisions/matters")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<MatterView> createMatter(Caller caller, @RequestBody MatterBody b) {
        CurrentUser user = caller.user();
        if (b == null) {
            throw ApiException.badField("title", "is required");
        }
        if (COMPACT_VERSION.equals(b.subjectKind())) {
            // a compact version goes to 四议两公开 from the compact (which creates its matter and freezes the draft), never by hand
            throw ApiException.badField("subjectKind", "村规民约的修订请在小公约中提交");
        }
        long areaId = b.areaId() != null ? b.areaId() : user.areaId() == null ? -1 : user.areaId();
        return blocking.call(() -> {
            if (!inReach(caller, areaId)) {
                throw ApiException.notFound("area " + areaId);
            }
            return shown(user, tx.execute(s -> matters.create(user.username(),
                    new NewMatter(areaId, b.title(), b.description(), b.kind(), b.amountYuan(), b.subjectKind(), b.subjectRef()))));
        });
    }

    /** A meeting's outcome: the matter after it and the system's tally. */
    public record StepAnswer(MatterView matter, Tally tally) {
    }

    @Refuses(status = 409, when = "the step is out of order, or the meeting had no quorum (kept in the record as invalid; nothing decided)")
    @PostMapping("/api/v1/decisions/matters/{id}/steps")
    public Mono<StepAnswer> recordMeeting(Caller caller, @PathVariable long id, @RequestBody Meeting b) {
        CurrentUser user = caller.user();
        return blocking.call(() -> {
            visible(caller, id);
            StepOutcome o = tx.execute(s -> matters.record(user.username(), id, b));
            if (!o.decided()) {
                // the invalid meeting is in the record (committed above); the caller learns why it decided nothing
                throw new ApiException(HttpStatus.CONFLICT, "Meeting invalid", o.tally().outcome(), List.of());
            }
            return new StepAnswer(shown(user, o.matter()), o.tally());
        });
    }

    @Refuses(status = 409, when = "there is no resolution to publish yet, or it was published already")
    @PostMapping("/api/v1/decisions/matters/{id}/publication")
    public Mono<MatterView> publishResolution(Caller caller, @PathVariable long id, @RequestBody Publication b) {
        return change(caller, id, () -> matters.publish(caller.user().username(), id, b));
    }

    @Refuses(status = 409, when = "a major matter without a passed, published resolution, or a rejected matter")
    @PostMapping("/api/v1/decisions/matters/{id}/implementation")
    public Mono<MatterView> recordImplementation(Caller caller, @PathVariable long id, @RequestBody Implementation b) {
        return change(caller, id, () -> matters.implement(caller.user().username(), id, b));
    }

    @Refuses(status = 409, when = "the matter is not being carried out")
    @PostMapping("/api/v1/decisions/matters/{id}/result")
    public Mono<MatterView> publishResult(Caller caller, @PathVariable long id, @RequestBody Result b) {
        return change(caller, id, () -> matters.publishResult(caller.user().username(), id, b));
    }

    @Refuses(status = 409, when = "the matter was not rejected")
    @PostMapping("/api/v1/decisions/matters/{id}/repropose")
    public Mono<MatterView> reproposeMatter(Caller caller, @PathVariable long id) {
        return change(caller, id, () -> matters.repropose(caller.user().username(), id));
    }

    private Mono<MatterView> change(Caller caller, long id, java.util.function.Supplier<MatterView> work) {
        return blocking.call(() -> {
            visible(caller, id);
            return shown(caller.user(), tx.execute(s -> work.get()));
        });
    }

    /** The matter when it lies in the caller's reach; 404 otherwise. */
    private MatterView visible(Caller caller, long id) {
        MatterView m = matters.matter(id).orElseThrow(() -> ApiException.notFound("matter " + id));
        if (!inReach(caller, m.areaId())) {
            throw ApiException.notFound("matter " + id);
        }
        return m;
    }

    private boolean inReach(Caller caller, long areaId) {
        if (caller.is(Scope.ALL)) {
            return true;
        }
        if (caller.is(Scope.AREA)) {
            return scope.isInside(caller.user(), areaId);
        }
        throw caller.unsupportedScope();
    }

    /** Names of who attended and how they voted are for the village's committee only. */
    private static MatterView shown(CurrentUser user, MatterView m) {
        return user.role() == Role.COMMITTEE ? m : m.withoutNames();
    }
}
