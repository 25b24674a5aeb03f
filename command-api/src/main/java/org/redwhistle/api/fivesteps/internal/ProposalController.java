package org.redwhistle.api.fivesteps.internal;

import java.time.Clock;
import java.util.List;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.decisions.VoteRule;
import org.redwhistle.api.decisions.VoteRules;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.fivesteps.ProposalStatus;
import org.redwhistle.api.fivesteps.ProposalView;
import org.redwhistle.api.fivesteps.Proposals;
import org.redwhistle.api.fivesteps.TaskView;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
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
 * 五事工作法's routes: the community's matters ({@code /api/v1/proposals}) through 居民提事, 网格议事, 会议定事,
 * 联动办事 and 群众评事, and the units' tasks ({@code /api/v1/proposal-tasks}): their own to report, the overdue
 * ones for supervision. Steps out of order answer 409 with the reason in Chinese.
 */
@RestController
public class ProposalController {

    private final Proposals proposals;
    private final VoteRules rules;
    private final UserAccountRepository users;
    private final Blocking blocking;
    private final Clock clock;

    public ProposalController(Proposals proposals, VoteRules rules, UserAccountRepository users, Blocking blocking, Clock clock) {
        this.proposals = proposals;
        this.rules = rules;
        this.users = users;
        this.blocking = blocking;
        this.clock = clock;
    }

    private String name(CurrentUser u) {
        return users.findByUsername(u.username()).map(UserAccount::getDisplayName).filter(n -> n != null && !n.isBlank()).orElse(u.username());
    }

    public record ProposalList(List<ProposalView.ProposalSummary> items) {
    }

    /** The matters of the caller's area (a resident's: their community's), newest first; {@code caseId}: the matter a complaint case was turned into. */
    @GetMapping("/api/v1/proposals")
    public Mono<ProposalList> listProposals(Caller caller, @RequestParam(required = false) ProposalStatus status, @RequestParam(required = false) Long caseId) {
        return blocking.call(() -> new ProposalList(proposals.list(caller.user(), status, caseId, clock.instant())));
    }

    /** A meeting type a community decides in, with its rule in words and who its members are. */
    public record ProposalMeetingType(String code, String name, String rule, String members) {
    }

    public record ProposalMeetingTypes(List<ProposalMeetingType> items) {
    }

    @GetMapping("/api/v1/proposals/meeting-types")
    public Mono<ProposalMeetingTypes> proposalMeetingTypes(Caller caller) {
        return blocking.call(() -> new ProposalMeetingTypes(Proposals.MEETING_TYPES.stream().map(c -> rules.rule(c).orElseThrow())
                .map((VoteRule r) -> new ProposalMeetingType(r.code(), r.name(), r.describe(), Proposals.whoVotes(r.code()))).toList()));
    }

    /** A department a task can go to. */
    public record ProposalDepartment(String code, String name) {
    }

    public record ProposalDepartments(List<ProposalDepartment> items) {
    }

    /** The departments that serve the caller's community (区住建局, …), for 联动办事. */
    @GetMapping("/api/v1/proposals/departments")
    public Mono<ProposalDepartments> proposalDepartments(Caller caller) {
        return blocking.call(() -> new ProposalDepartments(proposals.departmentsServing(caller.user()).stream().map(d -> new ProposalDepartment(d.code(), d.name())).toList()));
    }

    /** A matter's whole record (public to the residents of its community). */
    @GetMapping("/api/v1/proposals/{id}")
    public Mono<ProposalView> getProposal(Caller caller, @PathVariable long id) {
        return blocking.call(() -> proposals.view(caller.user(), id, clock.instant()));
    }

    /** 居民提事: a resident raises a matter in their community; the committee or a grid worker for residents ({@code onBehalfOf}). */
    @PostMapping("/api/v1/proposals")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ProposalView> raiseProposal(Caller caller, @RequestBody Proposals.ProposalRaiseBody body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.raise(u, name(u), body, clock.instant()));
    }

    /** A complaint case turned into a matter (the case is read, not changed; the link is kept on the matter). */
    @Refuses(status = 409, when = "the case was turned into a matter before, or lies in no community")
    @PostMapping("/api/v1/proposals/from-case/{caseId}")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<ProposalView> proposalFromCase(Caller caller, @PathVariable long caseId, @RequestBody Proposals.ProposalRaiseBody body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.fromCase(u, name(u), caseId, body, clock.instant()));
    }

    /** 网格议事: a deliberation with its participants, opinions and minutes. */
    @Refuses(status = 409, when = "the matter is past deliberation")
    @PostMapping("/api/v1/proposals/{id}/deliberations")
    public Mono<ProposalView> deliberateProposal(Caller caller, @PathVariable long id, @RequestBody Proposals.ProposalDeliberationBody body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.deliberate(u, name(u), id, body, clock.instant()));
    }

    /** An option with its cost, while the grid deliberates. */
    @Refuses(status = 409, when = "the matter is not being deliberated")
    @PostMapping("/api/v1/proposals/{id}/options")
    public Mono<ProposalView> addProposalOption(Caller caller, @PathVariable long id, @RequestBody Proposals.ProposalOptionBody body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.addOption(u, name(u), id, body, clock.instant()));
    }

    /** 会议定事: convenes the deciding meeting; its members are taken from the registry. */
    @Refuses(status = 409, when = "the matter has not been deliberated, or is decided; or the registry holds no members for the meeting type")
    @PostMapping("/api/v1/proposals/{id}/meetings")
    public Mono<ProposalView> conveneProposalMeeting(Caller caller, @PathVariable long id, @RequestBody Proposals.ProposalMeetingBody body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.convene(u, name(u), id, body, clock.instant()));
    }

    public record ProposalVotes(List<Proposals.ProposalVoteLine> votes) {
    }

    /** Records members' attendance and votes at the open meeting. */
    @Refuses(status = 409, when = "the meeting is closed")
    @PutMapping("/api/v1/proposals/{id}/meetings/{meetingId}/votes")
    public Mono<ProposalView> recordProposalVotes(Caller caller, @PathVariable long id, @PathVariable long meetingId, @RequestBody ProposalVotes body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.recordVotes(u, name(u), id, meetingId, body == null ? null : body.votes(), clock.instant()));
    }

    /** Ends the vote: the system counts it under the meeting's rule; passed, the resolution is published to the community's residents. */
    @Refuses(status = 409, when = "the meeting is closed")
    @PostMapping("/api/v1/proposals/{id}/meetings/{meetingId}/close")
    public Mono<ProposalView> closeProposalMeeting(Caller caller, @PathVariable long id, @PathVariable long meetingId) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.closeMeeting(u, name(u), id, meetingId, clock.instant()));
    }

    /** 联动办事: a task to a unit with its limit in working days. */
    @Refuses(status = 409, when = "the matter has no passed resolution yet, or is completed")
    @PostMapping("/api/v1/proposals/{id}/tasks")
    public Mono<ProposalView> assignProposalTask(Caller caller, @PathVariable long id, @RequestBody Proposals.ProposalTaskBody body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.assign(u, name(u), id, body, clock.instant()));
    }

    public record ProposalNote(String note) {
    }

    /** Every task accepted: the matter is done and open to the residents' evaluation. */
    @Refuses(status = 409, when = "the matter is not in 联动办事, or a task is not accepted")
    @PostMapping("/api/v1/proposals/{id}/complete")
    public Mono<ProposalView> completeProposal(Caller caller, @PathVariable long id, @RequestBody(required = false) ProposalNote body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.complete(u, name(u), id, body == null ? null : body.note(), clock.instant()));
    }

    /** {@code satisfaction}: SATISFIED (满意), BASICALLY_SATISFIED (基本满意) or DISSATISFIED (不满意). */
    public record ProposalEvaluationBody(String satisfaction, String comment) {
    }

    /** 群众评事: a resident of the community evaluates the outcome, once. */
    @Refuses(status = 409, when = "the matter is not completed, or the resident evaluated it before")
    @PostMapping("/api/v1/proposals/{id}/evaluations")
    public Mono<ProposalView> evaluateProposal(Caller caller, @PathVariable long id, @RequestBody ProposalEvaluationBody body) {
        CurrentUser u = caller.user();
        if (body == null) {
            throw ApiException.badField("satisfaction", "is required");
        }
        return blocking.call(() -> proposals.evaluate(u, name(u), id, body.satisfaction(), body.comment(), clock.instant()));
    }

    public record ProposalTaskList(List<TaskView> items) {
    }

    /** The tasks of the caller's unit (a department's, a community's or street's); {@code overdue=true}: only the overdue. */
    @GetMapping("/api/v1/proposal-tasks")
    public Mono<ProposalTaskList> listProposalTasks(Caller caller, @RequestParam(defaultValue = "false") boolean overdue) {
        return blocking.call(() -> new ProposalTaskList(proposals.unitTasks(caller.user(), overdue, clock.instant())));
    }

    /** 督办: the overdue tasks of every matter in the caller's area. */
    @GetMapping("/api/v1/proposal-tasks/overdue")
    public Mono<ProposalTaskList> overdueProposalTasks(Caller caller) {
        return blocking.call(() -> new ProposalTaskList(proposals.overdue(caller.user(), clock.instant())));
    }

    /** The unit reports its task done, with a note. */
    @Refuses(status = 409, when = "the task is not in hand")
    @PostMapping("/api/v1/proposal-tasks/{id}/report")
    public Mono<TaskView> reportProposalTask(Caller caller, @PathVariable long id, @RequestBody ProposalNote body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.report(u, name(u), id, body == null ? null : body.note(), clock.instant()));
    }

    /** The community accepts a task reported done. */
    @Refuses(status = 409, when = "the task is not reported done")
    @PostMapping("/api/v1/proposal-tasks/{id}/accept")
    public Mono<TaskView> acceptProposalTask(Caller caller, @PathVariable long id, @RequestBody(required = false) ProposalNote body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.accept(u, name(u), id, clock.instant()));
    }

    /** The community sends a task reported done back to its unit, with the reason; a new deadline is counted. */
    @Refuses(status = 409, when = "the task is not reported done")
    @PostMapping("/api/v1/proposal-tasks/{id}/send-back")
    public Mono<TaskView> sendBackProposalTask(Caller caller, @PathVariable long id, @RequestBody ProposalNote body) {
        CurrentUser u = caller.user();
        return blocking.call(() -> proposals.sendBack(u, name(u), id, body == null ? null : body.note(), clock.instant()));
    }
}
