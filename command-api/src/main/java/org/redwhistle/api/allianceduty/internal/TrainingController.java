package org.redwhistle.api.allianceduty.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.Blocking;
import org.redwhistle.api.access.Caller;
import org.redwhistle.api.access.Scope;
import org.redwhistle.api.allianceduty.Training;
import org.redwhistle.api.allianceduty.TrainingResult;
import org.redwhistle.api.allianceduty.internal.TrainingService.CourseStanding;
import org.redwhistle.api.allianceduty.internal.TrainingStore.Course;
import org.redwhistle.api.allianceduty.internal.TrainingStore.Record;
import org.redwhistle.api.allianceduty.internal.TrainingStore.Session;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.errors.Params;
import org.redwhistle.api.errors.Refuses;
import org.redwhistle.api.members.Members;
import org.redwhistle.api.members.Members.MemberView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/**
 * Training over REST: the courses (as data; their settings are the administrator's), the sessions of the caller's
 * area with attendance and results, who among the area's PATROL members is untrained or expired, one member's
 * standing and records, and a member's own ({@code …/mine}).
 */
@RestController
public class TrainingController {

    private final TrainingService training;
    private final TrainingStore store;
    private final DutyAccess access;
    private final Members members;
    private final AllianceDutyProperties props;
    private final Blocking blocking;
    private final Clock clock;

    TrainingController(TrainingService training, TrainingStore store, DutyAccess access, Members members, AllianceDutyProperties props,
            Blocking blocking, Clock clock) {
        this.training = training;
        this.store = store;
        this.access = access;
        this.members = members;
        this.props = props;
        this.blocking = blocking;
        this.clock = clock;
    }

    /** A course: {@code required} before a PATROL member's first duty; a pass holds {@code validityMonths} (null: for good). */
    public record TrainingCourseView(String code, String label, boolean required, Integer validityMonths, boolean active) {
    }

    /** The courses; {@code gateOn}: whether required courses refuse the untrained going on duty (redwhistle.alliance.training-required). */
    public record TrainingCourseList(List<TrainingCourseView> items, boolean gateOn) {
    }

    @GetMapping("/api/v1/alliance/training/courses")
    public Mono<TrainingCourseList> courses(Caller caller) {
        return blocking.call(() -> new TrainingCourseList(store.courses().stream().map(TrainingController::view).toList(), props.trainingRequired()));
    }

    /** A course's settings: {@code code} (new courses: A–Z, 0–9, _), {@code label}, {@code required}, {@code validityMonths} (1–120, null: for good). */
    public record TrainingCourseBody(String code, String label, Boolean required, Integer validityMonths, Boolean active) {
    }

    @Refuses(status = 409, when = "a course with this code or label exists")
    @PostMapping("/api/v1/alliance/training/courses")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TrainingCourseView> addCourse(Caller caller, @RequestBody TrainingCourseBody body) {
        return blocking.call(() -> {
            String code = EquipmentService.required("code", body.code());
            if (!code.matches("[A-Z][A-Z0-9_]*")) {
                throw ApiException.badField("code", "capital letters, digits and _, starting with a letter (e.g. SELF_DEFENCE)");
            }
            Course c = course(code, body, null);
            administrator(caller);
            if (store.course(code).isPresent() || store.courses().stream().anyMatch(x -> x.label().equals(c.label()))) {
                throw EquipmentService.conflict("课程 " + c.label() + "（" + code + "）已存在");
            }
            training.saveCourse(c, true, caller.user().username());
            return view(store.course(code).orElseThrow());
        });
    }

    @PutMapping("/api/v1/alliance/training/courses/{code}")
    public Mono<TrainingCourseView> changeCourse(Caller caller, @PathVariable String code, @RequestBody TrainingCourseBody body) {
        return blocking.call(() -> {
            Course old = store.course(code).orElseThrow(() -> ApiException.notFound("course " + code));
            Course c = course(code, body, old);
            administrator(caller);
            training.saveCourse(c, false, caller.user().username());
            return view(store.course(code).orElseThrow());
        });
    }

    /** A session: its course, area, day, place, trainer, and how many attended and passed. */
    public record TrainingSessionView(long id, String course, String courseLabel, long areaId, String areaName, LocalDate heldOn, String place,
            String trainer, String note, int attended, int passed) {
    }

    public record TrainingSessionList(List<TrainingSessionView> items) {
    }

    /** A member's result at a session. */
    public record TrainingRecordView(long id, long sessionId, long memberId, String memberName, String course, String courseLabel, LocalDate heldOn,
            String place, String trainer, String result, String resultLabel, String note, String recordedBy) {
    }

    public record TrainingSessionDetail(TrainingSessionView session, List<TrainingRecordView> records) {
    }

    @GetMapping("/api/v1/alliance/training/sessions")
    public Mono<TrainingSessionList> sessions(Caller caller) {
        return blocking.call(() -> new TrainingSessionList(store.sessions(access.scope(caller)).stream().map(TrainingController::view).toList()));
    }

    /** A session held: {@code course} (a course's code), {@code heldOn} (YYYY-MM-DD), {@code place}, {@code trainer}, {@code areaId} (default: the caller's). */
    public record TrainingSessionBody(String course, Long areaId, String heldOn, String place, String trainer, String note) {
    }

    @PostMapping("/api/v1/alliance/training/sessions")
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<TrainingSessionDetail> holdSession(Caller caller, @RequestBody TrainingSessionBody body) {
        return blocking.call(() -> {
            EquipmentService.required("course", body.course());
            LocalDate on = DutyAccess.day("heldOn", body.heldOn(), null);
            long area = access.area(caller, body.areaId(), "areaId");
            long id = training.holdSession(new Training.NewSession(body.course().trim(), area, on, body.place(), body.trainer(), body.note()),
                    caller.user().username(), clock.instant());
            return detail(id);
        });
    }

    @GetMapping("/api/v1/alliance/training/sessions/{id}")
    public Mono<TrainingSessionDetail> session(Caller caller, @PathVariable long id) {
        return blocking.call(() -> {
            visible(caller, id);
            return detail(id);
        });
    }

    /** A member's attendance and result: {@code result} PASSED (合格), FAILED (不合格) or ABSENT (缺席). Recorded again, it replaces the old. */
    public record TrainingRecordBody(Long memberId, String result, String note) {
    }

    @PostMapping("/api/v1/alliance/training/sessions/{id}/records")
    public Mono<TrainingSessionDetail> record(Caller caller, @PathVariable long id, @RequestBody TrainingRecordBody body) {
        return blocking.call(() -> {
            if (body.memberId() == null) {
                throw ApiException.badField("memberId", "required");
            }
            if (body.result() == null || body.result().isBlank()) {
                throw ApiException.badField("result", "required: PASSED (合格), FAILED (不合格) or ABSENT (缺席)");
            }
            TrainingResult r = Params.enumValue(TrainingResult.class, "result", body.result());
            visible(caller, id);
            MemberView m = access.member(caller, body.memberId());
            training.record(id, m.id(), r, body.note(), caller.user().username(), clock.instant());
            return detail(id);
        });
    }

    /** A member's standing in one required course on today's date: VALID (有效), EXPIRED (已过期) or MISSING (未培训). */
    public record TrainingStandingView(String course, String courseLabel, String standing, String standingLabel, LocalDate passedOn, LocalDate expiresOn) {
    }

    /**
     * A member's training: {@code cleared} when every required course is valid today, else {@code refusal} says why
     * they may not go on duty (as the duty gate does); their records, latest first.
     */
    public record MemberTraining(Long memberId, String name, String affiliation, String areaName, boolean cleared, String refusal,
            List<TrainingStandingView> standings, List<TrainingRecordView> records) {
    }

    /** The area's PATROL members with their standing: the untrained and expired first. */
    public record MemberTrainingList(LocalDate today, List<MemberTraining> items) {
    }

    @GetMapping("/api/v1/alliance/training/members")
    public Mono<MemberTrainingList> members(Caller caller) {
        return blocking.call(() -> {
            List<MemberView> patrol = members.list(access.scope(caller), "PATROL", null);
            LocalDate today = access.today();
            Map<Long, List<CourseStanding>> st = training.standings(patrol.stream().map(MemberView::id).toList(), today);
            List<MemberTraining> items = patrol.stream().map(m -> standing(m, st.get(m.id()), List.of()))
                    .sorted(Comparator.comparing(MemberTraining::cleared).thenComparing(MemberTraining::name)).toList();
            return new MemberTrainingList(today, items);
        });
    }

    @GetMapping("/api/v1/alliance/training/members/{id}")
    public Mono<MemberTraining> member(Caller caller, @PathVariable long id) {
        return blocking.call(() -> full(access.member(caller, id)));
    }

    /** The caller's own training: their standing in the required courses and their records. */
    @GetMapping("/api/v1/alliance/training/mine")
    public Mono<MemberTraining> mine(Caller caller) {
        return blocking.call(() -> access.me(caller).map(this::full)
                .orElse(new MemberTraining(null, caller.user().username(), null, null, false, "您不是平安联盟队员", List.of(), List.of())));
    }

    private MemberTraining full(MemberView m) {
        List<CourseStanding> st = training.standings(List.of(m.id()), access.today()).get(m.id());
        return standing(m, st, store.recordsOfMember(m.id()).stream().map(TrainingController::view).toList());
    }

    private MemberTraining standing(MemberView m, List<CourseStanding> st, List<TrainingRecordView> records) {
        Optional<String> refusal = training.missing(st);
        return new MemberTraining(m.id(), m.name(), m.affiliation(), null, refusal.isEmpty(), refusal.orElse(null),
                st.stream().map(s -> new TrainingStandingView(s.course(), s.courseLabel(), s.standing().name(), s.standing().label, s.passedOn(),
                        s.expiresOn())).toList(), records);
    }

    private void administrator(Caller caller) {
        if (!caller.is(Scope.ALL)) {
            throw ApiException.forbidden("培训课程的设置由系统管理员维护");
        }
    }

    private static Course course(String code, TrainingCourseBody b, Course old) {
        String label = b.label() != null && !b.label().isBlank() ? b.label().trim() : old != null ? old.label() : null;
        if (label == null) {
            throw ApiException.badField("label", "required");
        }
        if (b.validityMonths() != null && (b.validityMonths() < 1 || b.validityMonths() > 120)) {
            throw ApiException.badField("validityMonths", "1 to 120 months, or null for a pass that does not expire");
        }
        boolean required = b.required() != null ? b.required() : old != null && old.required();
        boolean active = b.active() != null ? b.active() : old == null || old.active();
        Integer months = b.validityMonths() != null || old == null ? b.validityMonths() : old.validityMonths();
        return new Course(code, label, required, months, active);
    }

    private void visible(Caller caller, long id) {
        Session s = store.session(id).orElseThrow(() -> ApiException.notFound("training session " + id));
        if (!access.reaches(caller, s.areaId())) {
            throw ApiException.notFound("training session " + id);
        }
    }

    private TrainingSessionDetail detail(long id) {
        return new TrainingSessionDetail(view(store.session(id).orElseThrow()), store.recordsOfSession(id).stream().map(TrainingController::view).toList());
    }

    static TrainingCourseView view(Course c) {
        return new TrainingCourseView(c.code(), c.label(), c.required(), c.validityMonths(), c.active());
    }

    static TrainingSessionView view(Session s) {
        return new TrainingSessionView(s.id(), s.course(), s.courseLabel(), s.areaId(), s.areaName(), s.heldOn(), s.place(), s.trainer(), s.note(),
                s.attended(), s.passed());
    }

    static TrainingRecordView view(Record r) {
        return new TrainingRecordView(r.id(), r.sessionId(), r.memberId(), r.memberName(), r.course(), r.courseLabel(), r.heldOn(), r.place(), r.trainer(),
                r.result().name(), r.result().label(), r.note(), r.recordedBy());
    }
}
