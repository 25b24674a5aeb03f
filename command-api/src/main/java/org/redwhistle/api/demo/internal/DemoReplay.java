package org.redwhistle.api.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.redwhistle.api.cases.AssignmentStatus;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseJobs;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.units.Department;
import org.redwhistle.api.units.Departments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay of the past, in time order: an event queue of the requests' wake-ups ({@link DemoRequest})
 * and of the supervision sweep, which runs right after every deadline a request was left with (and
 * just after its warning time), as the scheduler would have, then lets every request look again when
 * the sweep issued orders (an order escalates its case). Nothing after {@code now} is done: the
 * requests still being handled then stay open where they are.
 */
final class DemoReplay {

    private static final Logger log = LoggerFactory.getLogger(DemoReplay.class);
    private static final java.time.ZoneId CHINA = java.time.ZoneId.of("Asia/Shanghai");

    private record Wake(Instant at, long seq, DemoRequest request) {
    }

    private final Cases cases;
    private final CaseJobs jobs;
    private final DemoCast cast;
    private final Departments departments;
    private final Random rnd;
    private final Instant now;
    private final PriorityQueue<Wake> queue = new PriorityQueue<>(Comparator.comparing(Wake::at).thenComparingLong(Wake::seq));
    private final TreeSet<Instant> sweeps = new TreeSet<>();
    private final List<DemoRequest> active = new ArrayList<>();
    private final Map<String, Integer> refused = new TreeMap<>();
    private long seq;
    private long actNanos;
    private long sweepNanos;
    private int steps;
    int filed;
    int orders;
    int swept;

    DemoReplay(Cases cases, CaseJobs jobs, DemoCast cast, Departments departments, Random rnd, Instant now) {
        this.cases = cases;
        this.jobs = jobs;
        this.cast = cast;
        this.departments = departments;
        this.rnd = rnd;
        this.now = now;
    }

    /** Files every request at its moment and plays the year out up to {@code now}; returns how many were filed. */
    int run(List<DemoRequest> requests) {
        requests.forEach(r -> wake(r, r.filedAt));
        while (true) {
            Instant nextWake = queue.isEmpty() ? null : queue.peek().at();
            Instant nextSweep = sweeps.isEmpty() ? null : sweeps.first();
            if (nextSweep != null && (nextWake == null || !nextWake.isBefore(nextSweep)) && !nextSweep.isAfter(now)) {
                sweeps.pollFirst();
                sweep(nextSweep);
            } else if (nextWake != null && !nextWake.isAfter(now)) {
                Wake w = queue.poll();
                if (w.at().equals(w.request().nextWake)) {
                    look(w.request(), w.at());
                }
            } else {
                break;
            }
        }
        sweep(now);
        log.info("demo history: {} requests, {} steps in {} s, {} sweeps ({} orders) in {} s", filed, steps, actNanos / 1_000_000_000.0, swept,
                orders, sweepNanos / 1_000_000_000.0);
        if (!refused.isEmpty()) {
            log.info("demo history: steps refused by the workflow (the request stopped there): {}", refused);
        }
        return filed;
    }

    private void look(DemoRequest r, Instant t) {
        if (r.id == 0) {
            try {
                r.id = cases.submit(cast.user(r.resident), r.newCase(), t).id();
                filed++;
                active.add(r);
            } catch (ApiException e) {
                refused.merge("submit: " + e.getMessage(), 1, Integer::sum);
                return;
            }
        }
        Instant next = r.wake(t, this);
        if (next == null) {
            active.remove(r);
        } else {
            wake(r, next);
        }
    }

    private void wake(DemoRequest r, Instant at) {
        r.nextWake = at;
        queue.add(new Wake(at, seq++, r));
    }

    /** The sweep (and the auto-close) at {@code t}; when it issued orders, every open request looks at its case again. */
    private void sweep(Instant t) {
        swept++;
        long started = System.nanoTime();
        int issued = jobs.sweep(t);
        jobs.autoClose(t);
        sweepNanos += System.nanoTime() - started;
        orders += issued;
        if (issued > 0) {
            // an order may have escalated the case of any request whose deadline has passed: they look again
            List.copyOf(active).stream().filter(r -> r.due != null && !r.due.isAfter(t)).forEach(r -> wake(r, t));
        }
    }

    CaseView view(long id) {
        return cases.find(id, false).orElseThrow();
    }

    /** Takes a step of the request's case as {@code actor} at {@code at}; a refusal stops that step, counted. */
    void act(DemoRequest r, String actor, CaseAction action, Cases.Action in, Instant at) {
        long started = System.nanoTime();
        try {
            cases.act(cast.user(actor), r.id, action, in, at);
            steps++;
        } catch (ApiException e) {
            refused.merge(action.wire() + " by " + actor + ": " + e.getMessage(), 1, Integer::sum);
        } finally {
            actNanos += System.nanoTime() - started;
        }
    }

    /** The sweeps the case's deadlines in force call for: just after its warning time and just after the deadline. */
    void watch(DemoRequest r, CaseView c, Instant t) {
        List<Instant> due = new ArrayList<>();
        if (c.status().awaitsTaking()) {
            due.add(c.acceptDue());
        }
        if (c.status().awaitsResolution()) {
            due.add(c.resolveDue());
        }
        for (CaseView.Assignment a : c.assignments()) {
            if (a.status() == AssignmentStatus.ASSIGNED) {
                due.add(a.dueAt());
            } else if (a.rerouteDue() != null) {
                due.add(a.rerouteDue());
            }
        }
        r.due = due.stream().min(Instant::compareTo).orElse(null);
        for (Instant d : due) {
            schedule(d.minus(jobs.warnBefore()).plusSeconds(60), t);
            schedule(d.plusSeconds(60), t);
        }
        if (c.handledAt() != null && c.status() == org.redwhistle.api.cases.CaseStatus.HANDLED) {
            // the auto-close of a report nobody evaluates (its window is a few working days): just after midnight, a few nights on
            java.time.LocalDate day = c.handledAt().atZone(CHINA).toLocalDate();
            for (int days = 4; days <= 16; days += 4) {
                schedule(day.plusDays(days).atTime(0, 5).atZone(CHINA).toInstant(), t);
            }
        }
    }

    private void schedule(Instant at, Instant t) {
        if (at.isAfter(t)) {
            sweeps.add(at);
        }
    }

    /**
     * When a unit with a deadline at {@code due} acts, from {@code from}: mostly {@code minMin}–{@code maxMin}
     * minutes on and well before the warning; a few times just before the deadline (warned); and, as often
     * as the unit is late (three times as often in the last ten days, the backlog), after it.
     */
    Instant when(Instant from, Instant due, String unit, boolean forcedLate, int minMin, int maxMin) {
        double p = DemoCast.late(unit) * (from.isAfter(now.minus(Duration.ofDays(10))) ? 3 : 1);
        if (forcedLate || rnd.nextDouble() < p) {
            // late by hours; at the top of a chain, where no order moves the case on, by up to a week
            return due.plus(between(60, DemoCast.TOP.equals(unit) ? 7 * 24 * 60 : 30 * 60));
        }
        if (rnd.nextInt(100) < 3) {
            Instant close = due.minus(between(30, 200));
            if (close.isAfter(from)) {
                return close;
            }
        }
        Instant at = from.plus(between(minMin, maxMin));
        Instant latest = due.minus(jobs.warnBefore()).minus(Duration.ofMinutes(10));
        if (at.isAfter(latest)) {
            at = latest.isAfter(from) ? from.plusSeconds((long) (rnd.nextDouble() * Duration.between(from, latest).toSeconds())) : from.plusSeconds(300);
        }
        return at;
    }

    /** A random span of {@code minMin} to {@code maxMin} minutes. */
    Duration between(int minMin, int maxMin) {
        return Duration.ofMinutes(minMin + rnd.nextInt(Math.max(1, maxMin - minMin)));
    }

    String departmentName(String code) {
        return departments.byCode(code).map(Department::shortName).orElse(code);
    }
}
