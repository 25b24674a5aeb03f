package org.redwhistle.api.allianceduty.internal;

import static org.redwhistle.api.allianceduty.internal.EquipmentService.blank;
import static org.redwhistle.api.allianceduty.internal.EquipmentService.detail;
import static org.redwhistle.api.allianceduty.internal.EquipmentService.required;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.redwhistle.api.allianceduty.Training;
import org.redwhistle.api.allianceduty.TrainingResult;
import org.redwhistle.api.allianceduty.internal.TrainingStore.Course;
import org.redwhistle.api.allianceduty.internal.TrainingStore.Record;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.members.Members;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Training}: sessions and results, each in one transaction with its audit row, and members' standing in the required courses. */
@Service
class TrainingService implements Training {

    /** Where a member stands in a required course on a day. */
    enum Standing {
        VALID("有效"), EXPIRED("已过期"), MISSING("未培训");

        final String label;

        Standing(String label) {
            this.label = label;
        }
    }

    /** A member's standing in one required course: their latest pass and when it stops counting (null: never). */
    record CourseStanding(String course, String courseLabel, Standing standing, LocalDate passedOn, LocalDate expiresOn) {
    }

    private final TrainingStore store;
    private final Members members;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    TrainingService(TrainingStore store, Members members, AuditLog audit, TransactionTemplate tx) {
        this.store = store;
        this.members = members;
        this.audit = audit;
        this.tx = tx;
    }

    @Override
    public long holdSession(NewSession s, String by, Instant at) {
        Course c = store.course(required("course", s.course())).filter(Course::active)
                .orElseThrow(() -> ApiException.badField("course", "no such course: " + s.course() + " (GET /api/v1/alliance/training/courses)"));
        if (s.heldOn() == null) {
            throw ApiException.badField("heldOn", "required (YYYY-MM-DD)");
        }
        String place = required("place", s.place());
        String trainer = required("trainer", s.trainer());
        return tx.execute(t -> {
            long id = store.insertSession(c.code(), s.areaId(), s.heldOn(), place, trainer, blank(s.note()), by, at);
            audit.record(by, "alliance.training.session", "training_session", String.valueOf(id), null,
                    detail("course", c.code(), "areaId", s.areaId(), "heldOn", s.heldOn().toString(), "place", place, "trainer", trainer));
            return id;
        });
    }

    @Override
    public Optional<Long> session(String course, long areaId, LocalDate heldOn, String place) {
        return store.sessionId(course, areaId, heldOn, place);
    }

    @Override
    public void record(long sessionId, long memberId, TrainingResult result, String note, String by, Instant at) {
        if (result == null) {
            throw ApiException.badField("result", "PASSED (合格), FAILED (不合格) or ABSENT (缺席)");
        }
        Members.MemberView m = members.byId(memberId).orElseThrow(() -> ApiException.notFound("member " + memberId));
        tx.executeWithoutResult(t -> {
            store.session(sessionId).orElseThrow(() -> ApiException.notFound("training session " + sessionId));
            Optional<TrainingResult> before = store.upsertRecord(sessionId, memberId, result, blank(note), by, at);
            audit.record(by, "alliance.training.result", "training_session", String.valueOf(sessionId), blank(note),
                    detail("memberId", memberId, "member", m.name(), "result", result.name(), "before", before.map(Enum::name).orElse(null)));
        });
    }

    @Override
    public Optional<String> missing(long memberId, LocalDate day) {
        return missing(standings(List.of(memberId), day).getOrDefault(memberId, List.of()));
    }

    /** The first required course a member lacks or let expire, in words (empty: none). */
    Optional<String> missing(List<CourseStanding> standings) {
        for (CourseStanding s : standings) {
            if (s.standing() == Standing.MISSING) {
                return Optional.of("未完成岗前培训（" + s.courseLabel() + "），不能上岗");
            }
            if (s.standing() == Standing.EXPIRED) {
                return Optional.of(s.courseLabel() + "已于 " + chinese(s.expiresOn()) + " 过期，请参加复训");
            }
        }
        return Optional.empty();
    }

    /** Each member's standing on {@code day} in every active required course, in the courses' order. */
    Map<Long, List<CourseStanding>> standings(Collection<Long> memberIds, LocalDate day) {
        List<Course> required = store.courses().stream().filter(c -> c.active() && c.required()).toList();
        Map<Long, List<Record>> passes = new HashMap<>();
        for (Record r : store.passesOf(memberIds)) {
            passes.computeIfAbsent(r.memberId(), k -> new ArrayList<>()).add(r);
        }
        Map<Long, List<CourseStanding>> out = new HashMap<>();
        for (long member : memberIds) {
            List<CourseStanding> list = new ArrayList<>();
            for (Course c : required) {
                // the pass that counts longest (the latest: validity is per course, so the latest day expires last)
                // (a session dated after the day has not been held by then: it does not count yet)
                Record best = passes.getOrDefault(member, List.of()).stream().filter(r -> r.course().equals(c.code()) && !r.heldOn().isAfter(day))
                        .findFirst().orElse(null);
                if (best == null) {
                    list.add(new CourseStanding(c.code(), c.label(), Standing.MISSING, null, null));
                } else {
                    LocalDate expires = c.expiresOn(best.heldOn());
                    Standing st = expires == null || day.isBefore(expires) ? Standing.VALID : Standing.EXPIRED;
                    list.add(new CourseStanding(c.code(), c.label(), st, best.heldOn(), expires));
                }
            }
            out.put(member, list);
        }
        return out;
    }

    /** A course's settings changed (or a new course): audited. */
    void saveCourse(Course c, boolean isNew, String by) {
        tx.executeWithoutResult(t -> {
            if (isNew) {
                store.insertCourse(c);
            } else {
                store.updateCourse(c);
            }
            audit.record(by, isNew ? "alliance.training.course.add" : "alliance.training.course.change", "training_course", c.code(), null,
                    detail("label", c.label(), "required", c.required(), "validityMonths", c.validityMonths(), "active", c.active()));
        });
    }

    /** A day as people read it: 2026年3月1日. */
    static String chinese(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }
}
