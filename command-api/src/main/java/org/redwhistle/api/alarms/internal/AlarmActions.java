package org.redwhistle.api.alarms.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.access.Caller;
import org.redwhistle.api.alarms.AlarmStatus;
import org.redwhistle.api.alarms.AlarmView;
import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.members.DutyGates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do to an alarm ({@link AlarmCommand}). Who may take which step is the access
 * policy's (alarms.command, alarms.resolve, alarms.answer); the caller's scope decides which alarms
 * they reach ({@link AlarmAccess}); the alarm's status decides whether the step is allowed now
 * ({@link AlarmStatus#next}). Every step is in the alarm's timeline and the audit log.
 */
@Service
class AlarmActions {

    /** The catalogue category of a case made from an alarm (治安隐患); its channel ALARM says where it came from. */
    static final String ALARM_CATEGORY = "SAFETY";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AlarmQueries queries;
    private final AlarmAccess access;
    private final AlarmTimeline timeline;
    private final Dispatcher dispatcher;
    private final AlarmSteps steps;
    private final AuditLog audit;
    private final DutyGates duty;
    private final Cases cases;
    private final Clock clock;

    AlarmActions(JdbcClient jdbc, TransactionTemplate tx, AlarmQueries queries, AlarmAccess access, AlarmTimeline timeline, Dispatcher dispatcher,
            AlarmSteps steps, AuditLog audit, DutyGates duty, Cases cases, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.tx = tx;
        this.queries = queries;
        this.access = access;
        this.timeline = timeline;
        this.dispatcher = dispatcher;
        this.steps = steps;
        this.audit = audit;
        this.duty = duty;
        this.cases = cases;
    }

    AlarmView act(Caller caller, long id, AlarmCommand command) {
        CurrentUser user = caller.user();
        AlarmView a = access.visible(caller, id);
        Instant now = clock.instant(); // the application clock: an alarm turned into a case gets its deadlines from it
        if (command instanceof AlarmCommand.Dispatch d) {
            dispatcher.dispatch(a, user, d.note(), d.memberIds(), now);
        } else if (command instanceof AlarmCommand.Answer answer) {
            answer(a, user, answer, now);
        } else if (command instanceof AlarmCommand.ToCase toCase) {
            toCase(a, user, toCase, now);
        } else {
            transition(a, user, command, command.needsNote() ? required(command.note()) : command.note(), now);
        }
        AlarmView v = queries.find(id).orElseThrow();
        steps.changed(v);
        return v;
    }

    private static String required(String note) {
        if (note == null || note.isBlank()) {
            throw ApiException.badField("note", "say what was found");
        }
        return note;
    }

    /** Moves the alarm to the command's target if its status allows it now; closing it frees the members sent to it. */
    private void transition(AlarmView a, CurrentUser user, AlarmCommand command, String note, Instant now) {
        AlarmStatus to = command.target();
        List<DutyGates.Freed> freed = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            int n = jdbc.sql("update alarm set status = ?, updated_at = ?, version = version + 1 where id = ? and status = any(?)")
                    .params(to.name(), Timestamp.from(now), a.id(), AlarmStatus.names(command.from())).update();
            if (n == 0) {
                throw AlarmConflict.of(a.id(), command.action(), timeline.current(a.id()), command.from());
            }
            timeline.record(a.id(), user.username(), command.action(), to, note, now);
            audit.record(user.username(), "alarm." + command.action(), "alarm", String.valueOf(a.id()), note, Map.of("to", to.name()));
            if (!to.isOpen()) {
                // dispatched members are free again: on duty, or off duty if no longer allowed on it (DutyGates)
                List<Long> sent = jdbc.sql("select member_id from alarm_dispatch where alarm_id = ? and status in ('OFFERED', 'ACCEPTED', 'ARRIVED') order by member_id")
                        .param(a.id()).query(Long.class).list();
                freed.addAll(duty.free(sent, user.username(), "告警" + to.label() + "（告警 " + a.id() + "）"));
            }
        });
        // the live index learns the new states at once (no reload of every member moved lately)
        duty.committed(freed);
    }

    private void answer(AlarmView a, CurrentUser user, AlarmCommand.Answer answer, Instant now) {
        Long member = jdbc.sql("select id from member where user_id = ?").param(user.id()).query(Long.class).optional()
                .orElseThrow(() -> ApiException.forbidden("only a dispatched member answers a dispatch"));
        List<DutyGates.Freed> freed = new ArrayList<>();
        tx.executeWithoutResult(s -> {
            String reason = answer.accept() || answer.note() == null || answer.note().isBlank() ? null : answer.note().strip();
            int n = jdbc.sql("update alarm_dispatch set status = ?, answered_at = ?, decline_reason = ? where alarm_id = ? and member_id = ? and status = 'OFFERED'")
                    .params(answer.accept() ? "ACCEPTED" : "DECLINED", Timestamp.from(now), reason, a.id(), member).update();
            if (n == 0) {
                throw AlarmConflict.noOffer();
            }
            // the alarm's view shows its responders: a newer version, so that boards keep this one
            jdbc.sql("update alarm set version = version + 1 where id = ?").param(a.id()).update();
            if (!answer.accept()) {
                freed.addAll(duty.free(List.of(member), user.username(), "拒绝派警（告警 " + a.id() + "）"));
            }
            timeline.record(a.id(), user.username(), answer.action(), timeline.current(a.id()), reason, now);
            audit.record(user.username(), "alarm." + answer.action(), "alarm", String.valueOf(a.id()), null, Map.of("memberId", member));
        });
        duty.committed(freed);
    }

    /**
     * What the command center cannot close on the spot becomes a case at the alarm's place (channel
     * ALARM, linked to the alarm), and the alarm is resolved with the case's reference.
     */
    private void toCase(AlarmView a, CurrentUser user, AlarmCommand.ToCase command, Instant now) {
        String note = required(command.note());
        CaseView c = cases.submit(user, new Cases.NewCase(null, ALARM_CATEGORY, caseText(a, note), List.of(), a.lon(), a.lat(), "ALARM"), now);
        cases.linkAlarm(c.id(), a.id());
        transition(a, user, command, "转为诉求 " + c.ref() + "：" + note, now);
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(java.time.ZoneId.of("Asia/Shanghai"));

    /**
     * The case's text: the alarm's title and the note; for an alarm only some may see ({@link AlarmAudience}, a face
     * watchlist hit, whose title names the watched person and why), a neutral text with the place and time instead
     * of the title, since a case is read by departments outside the alarm's audience.
     */
    static String caseText(AlarmView a, String note) {
        if (!AlarmAudience.RESTRICTED.containsKey(a.type())) {
            return a.title() + "：" + note;
        }
        String place = a.deviceName() != null ? a.deviceName() : a.gridName() != null ? a.gridName() : "";
        return AlarmAudience.neutralTitle(a.type()) + "转办（" + (place.isEmpty() ? "" : place + "，") + WHEN.format(a.firstSeenAt()) + "）：" + note;
    }
}
