package org.redwhistle.api.fivesteps.internal;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.CalendarUse;
import org.redwhistle.api.calendar.CalendarYearLoaded;
import org.redwhistle.api.calendar.Calendars;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The 联动办事 deadlines counted on a provisional year (the official notice not loaded): the calendar's overview
 * counts them ({@link CalendarUse}), and when that year is loaded ({@link CalendarYearLoaded}) each open task's
 * deadline is counted again from its assignment, noted in the matter's record.
 */
@Component
public class TaskDeadlines implements CalendarUse {

    private static final Logger log = LoggerFactory.getLogger(TaskDeadlines.class);

    private final TaskStore tasks;
    private final ProposalStore proposals;
    private final Calendars calendars;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final java.time.Clock clock;

    public TaskDeadlines(TaskStore tasks, ProposalStore proposals, Calendars calendars, TransactionTemplate tx, AuditLog audit, java.time.Clock clock) {
        this.clock = clock;
        this.tasks = tasks;
        this.proposals = proposals;
        this.calendars = calendars;
        this.tx = tx;
        this.audit = audit;
    }

    @Override
    public String what() {
        return "未办结的联动办事任务";
    }

    @Override
    public Map<Integer, Long> provisionalYearsInUse() {
        Map<Integer, Long> years = new TreeMap<>();
        for (TaskStore.Row t : tasks.provisional()) {
            for (int y = year(t.assignedAt().plusSeconds(86_400)); y <= year(t.dueAt()); y++) {
                years.merge(y, 1L, Long::sum);
            }
        }
        return years;
    }

    private static int year(Instant at) {
        return at.atZone(WorkingCalendar.CHINA).getYear();
    }

    @EventListener
    public void yearLoaded(CalendarYearLoaded loaded) {
        int moved = 0;
        for (TaskStore.Row t : tasks.provisional()) {
            if (year(t.assignedAt()) > loaded.year() || year(t.dueAt()) < loaded.year()) {
                continue;
            }
            WorkingCalendar.Deadline due = calendars.calendar().due(t.assignedAt(), t.workingDays());
            tx.executeWithoutResult(s -> {
                tasks.recounted(t.id(), due);
                ProposalStore.Row p = proposals.find(t.proposalId()).orElseThrow();
                proposals.step(p.id(), loaded.actor(), loaded.actor(), "task-recount", p.status(), loaded.year() + "年官方节假日安排已加载，任务“" + t.title()
                        + "”的办结时限由 " + Notes.time(t.dueAt()) + " 重算为 " + Notes.time(due.at()), clock.instant());
                audit.record(loaded.actor(), "proposal.task-recounted", "proposal_task", String.valueOf(t.id()), null,
                        Map.of("year", loaded.year(), "dueBefore", t.dueAt().toString(), "due", due.at().toString()));
            });
            moved++;
        }
        log.info("official calendar {} loaded: {} 联动办事 deadline(s) counted again", loaded.year(), moved);
    }
}
