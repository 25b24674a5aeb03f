package org.redwhistle.api.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.calendar.CalendarUse;
import org.redwhistle.api.calendar.CalendarYearLoaded;
import org.redwhistle.api.calendar.WorkingCalendar;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deadlines counted on a provisional year (its official notice not loaded yet). When an
 * administrator loads that year ({@link CalendarYearLoaded}), every open case whose provisional
 * deadlines reach it is counted again from the instants they were counted from (the complex limit
 * for complex cases), each case in a transaction of its own with a timeline entry and an audit
 * record, then a {@link CaseView.CaseChanged}. The listener runs before the load answers. For the
 * calendar's overview, tells which provisional years open cases count on ({@link CalendarUse}).
 */
@Component
public class ProvisionalDeadlines implements CalendarUse {

    private static final Logger log = LoggerFactory.getLogger(ProvisionalDeadlines.class);

    private final CaseStore store;
    private final CaseDeadlines deadlines;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Cases cases;
    private final Clock clock;

    public ProvisionalDeadlines(CaseStore store, CaseDeadlines deadlines, TransactionTemplate tx, AuditLog audit, Cases cases, Clock clock) {
        this.store = store;
        this.deadlines = deadlines;
        this.tx = tx;
        this.audit = audit;
        this.cases = cases;
        this.clock = clock;
    }

    @Override
    public String what() {
        return "未办结案件";
    }

    @Override
    public Map<Integer, Long> provisionalYearsInUse() {
        Map<Integer, Long> years = new TreeMap<>();
        for (CaseStore.Provisional p : store.provisional()) {
            years(p).forEach(y -> years.merge(y, 1L, Long::sum));
        }
        return years;
    }

    /** The years the case's provisional deadlines were counted over (from the day after their start to their day). */
    static TreeSet<Integer> years(CaseStore.Provisional p) {
        TreeSet<Integer> years = new TreeSet<>();
        if (p.acceptProvisional()) {
            span(years, p.acceptFrom(), p.acceptDue());
        }
        if (p.resolveProvisional()) {
            span(years, p.resolveFrom(), p.resolveDue());
        }
        return years;
    }

    private static void span(TreeSet<Integer> years, Instant from, Instant due) {
        int first = from.atZone(WorkingCalendar.CHINA).toLocalDate().plusDays(1).getYear();
        int last = due.atZone(WorkingCalendar.CHINA).getYear();
        for (int y = first; y <= last; y++) {
            years.add(y);
        }
    }

    @EventListener
    public void yearLoaded(CalendarYearLoaded loaded) {
        List<Long> touched = store.provisional().stream().filter(p -> years(p).contains(loaded.year())).map(CaseStore.Provisional::id).toList();
        int changed = 0;
        for (long id : touched) {
            try {
                if (recount(id, loaded)) {
                    changed++;
                }
            } catch (RuntimeException e) {
                log.error("counting case {} again on the official {} calendar failed: {}", id, loaded.year(), e.toString());
            }
        }
        log.info("official calendar {} loaded by {}: {} open case(s) with provisional deadlines in it counted again, {} moved", loaded.year(),
                loaded.actor(), touched.size(), changed);
    }

    /** Counts the case's provisional deadlines again; whether one of them moved. */
    boolean recount(long id, CalendarYearLoaded loaded) {
        Instant now = clock.instant();
        Boolean moved = tx.execute(s -> {
            Optional<CaseStore.Provisional> row = store.lockProvisional(id);
            if (row.isEmpty() || !years(row.get()).contains(loaded.year())) {
                return null; // closed, or counted again meanwhile
            }
            CaseStore.Provisional p = row.get();
            WorkingCalendar.Deadline accept = p.acceptProvisional() ? deadlines.accept(p.acceptFrom())
                    : new WorkingCalendar.Deadline(p.acceptDue(), List.of(), List.of());
            WorkingCalendar.Deadline resolve = p.resolveProvisional() ? deadlines.resolve(p.resolveFrom(), p.complex())
                    : new WorkingCalendar.Deadline(p.resolveDue(), List.of(), List.of());
            store.recounted(id, accept, resolve);
            CaseView c = store.find(id, false).orElseThrow();
            List<String> parts = new java.util.ArrayList<>();
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("year", loaded.year());
            if (p.acceptProvisional()) {
                parts.add(change("受理", p.acceptDue(), accept));
                detail.put("acceptDueBefore", p.acceptDue().toString());
                detail.put("acceptDue", accept.at().toString());
                detail.put("acceptDueProvisional", accept.provisional());
            }
            if (p.resolveProvisional()) {
                parts.add(change("办结", p.resolveDue(), resolve));
                detail.put("resolveDueBefore", p.resolveDue().toString());
                detail.put("resolveDue", resolve.at().toString());
                detail.put("resolveDueProvisional", resolve.provisional());
            }
            String note = loaded.year() + "年官方节假日安排已加载，" + String.join("；", parts);
            store.step(id, loaded.actor(), "recount", c.status(), c.level(), note, now);
            audit.record(loaded.actor(), "case.deadlines-recounted", "case", String.valueOf(id), note, detail);
            return !p.acceptDue().equals(accept.at()) || !p.resolveDue().equals(resolve.at());
        });
        if (moved == null) {
            return false;
        }
        cases.announce(id);
        return moved;
    }

    private static String change(String label, Instant before, WorkingCalendar.Deadline after) {
        String still = after.provisional() ? "（仍为暂定：" + after.provisionalYears().stream().map(y -> y + "年").reduce((a, b) -> a + "、" + b).orElse("")
                + "官方安排尚未加载）" : "";
        if (before.equals(after.at())) {
            return label + "时限 " + CaseNotes.time(before) + " 经核对不变" + still;
        }
        return label + "时限由 " + CaseNotes.time(before) + " 调整为 " + CaseNotes.time(after.at()) + still;
    }
}
