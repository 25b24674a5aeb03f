package org.redwhistle.api.demo.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.redwhistle.api.cases.AssignmentStatus;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseLevel;
import org.redwhistle.api.cases.CaseStatus;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.cases.Satisfaction;
import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.devices.contract.DemoDistrictPlan.Community;

/**
 * One replayed request, an agent: whenever it is woken it looks at its case as it is now and plans what
 * the unit holding it would do, and when (the community takes it, assigns a grid worker or escalates;
 * the street takes it or escalates; the district center routes it to a lead department and a
 * co-handler, and routes it again after a send-back; each department reports or sends back; a leader
 * writes an instruction when a department is late; the resident evaluates, and the work is redone
 * when they are not content). A plan is kept while the case stays as it was planned for; a unit that
 * is late on purpose plans after its deadline, and the supervision sweep then escalates the case
 * before it acts, as it would have.
 */
final class DemoRequest {

    /** What a request has in store, drawn when it is filed: some of it staged, so every replay shows each path. */
    enum Script {
        ORDINARY, JOINT_SENT_BACK, COMMUNITY_LATE, DEPARTMENT_LATE, STREET_LATE,
        /** The lead department misses its limit, the case goes up to the leaders, and what they hand down is still not done by now. */
        LEADERS_LATE
    }

    final Instant filedAt;
    final Community home;
    final DemoCast.Kind kind;
    final String resident;
    final double lon;
    final double lat;
    final Script script;
    private final Random rnd;
    private final boolean escalates;
    private final boolean streetEscalates;
    private final boolean complex;
    private final boolean coHandler;
    private final boolean sendsBack;
    private final Map<String, Instant> plans = new HashMap<>();
    long id;
    Instant nextWake;
    /** The earliest deadline in force on the case when this request last looked. */
    Instant due;
    private boolean instructed;
    private int evaluations;

    DemoRequest(Instant filedAt, Community home, DemoCast.Kind kind, String resident, double lon, double lat, Script script, Random rnd) {
        this.filedAt = filedAt;
        this.home = home;
        this.kind = kind;
        this.resident = resident;
        this.lon = lon;
        this.lat = lat;
        this.script = script;
        this.rnd = rnd;
        boolean routable = kind.lead() != null;
        boolean staged = script != Script.ORDINARY && script != Script.COMMUNITY_LATE;
        this.escalates = staged || routable && rnd.nextInt(100) < 7 || kind.lead() == null && rnd.nextInt(100) < 4;
        this.streetEscalates = script == Script.JOINT_SENT_BACK || script == Script.DEPARTMENT_LATE || script == Script.LEADERS_LATE
                || routable && rnd.nextInt(100) < 55;
        this.complex = rnd.nextInt(1000) < 15;
        this.coHandler = kind.coHandler() != null && (script == Script.DEPARTMENT_LATE || script == Script.JOINT_SENT_BACK || rnd.nextInt(100) < 60);
        this.sendsBack = script == Script.JOINT_SENT_BACK || rnd.nextInt(100) < 8;
    }

    Cases.NewCase newCase() {
        return new Cases.NewCase(null, kind.category(), kind.sayings().get(rnd.nextInt(kind.sayings().size())), List.of(), lon, lat, "APP");
    }

    /** A step the holder of the case would take: who, which action with what, planned under {@code key}. */
    private record Step(String key, String actor, CaseAction action, Supplier<Cases.Action> input, Supplier<Instant> when) {
    }

    /**
     * Takes every step planned for {@code t} or before on the case as it is, one after the other; returns
     * when this request next wants to look (null: it is over).
     */
    Instant wake(Instant t, DemoReplay r) {
        for (int guard = 0; guard < 20; guard++) {
            CaseView c = r.view(id);
            List<Step> steps = steps(c, t, r);
            if (steps.isEmpty()) {
                r.watch(this, c, t);
                return null;
            }
            Instant next = null;
            Step due = null;
            for (Step s : steps) {
                Instant at = plans.computeIfAbsent(s.key(), k -> s.when().get());
                if (!at.isAfter(t) && due == null) {
                    due = s;
                } else if (at.isAfter(t) && (next == null || at.isBefore(next))) {
                    next = at;
                }
            }
            if (due == null) {
                r.watch(this, c, t);
                return next;
            }
            Instant at = plans.get(due.key());
            plans.put(due.key(), Instant.MAX); // taken (or refused): not again in this state
            r.act(this, due.actor(), due.action(), due.input().get(), at.isBefore(t) ? t : at);
        }
        return t.plus(Duration.ofHours(1));
    }

    private List<Step> steps(CaseView c, Instant t, DemoReplay r) {
        List<Step> out = new ArrayList<>();
        String phase = c.status() + "@" + c.level();
        switch (c.status()) {
            case DISPATCHED -> out.add(new Step("take|" + phase + "|" + c.acceptDue(), holder(c.level()), CaseAction.TAKE, () -> Cases.Action.NONE,
                    () -> r.when(t, c.acceptDue(), unit(c.level()), forcedLate(c.level()), 20, 600)));
            case TAKEN -> taken(c, t, r, phase, out);
            case ASSIGNED -> assigned(c, t, r, phase, out);
            case HANDLED -> {
                if (evaluations < 2) {
                    out.add(new Step("evaluate|" + c.handledAt(), resident, CaseAction.EVALUATE, this::evaluation,
                            () -> rnd.nextInt(100) < 4 && evaluations == 0 ? Instant.MAX.minusSeconds(1) : t.plus(r.between(60, 30 * 60))));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private void taken(CaseView c, Instant t, DemoReplay r, String phase, List<Step> out) {
        String key = phase + "|" + c.takenAt();
        switch (c.level().tier()) {
            case COMMUNITY -> {
                if (complex && !c.complex()) {
                    out.add(new Step("complex|" + key, holder(c.level()), CaseAction.COMPLEX, () -> note("涉及多方，需较长时间协调"), () -> t.plus(r.between(10, 40))));
                } else if (escalates && chainGoesOn(c)) {
                    out.add(new Step("escalate|" + key, holder(c.level()), CaseAction.ESCALATE,
                            () -> note(c.type().equals("MEDIATION") ? "调解未果，提请上一级调解" : "社区无法解决，提请街道协调"), () -> t.plus(r.between(30, 180))));
                } else {
                    out.add(new Step("assign|" + key, holder(c.level()), CaseAction.ASSIGN, () -> worker(null), () -> t.plus(r.between(5, 60))));
                }
            }
            case STREET -> {
                if (streetEscalates && chainGoesOn(c)) {
                    out.add(new Step("escalate|" + key, holder(c.level()), CaseAction.ESCALATE, () -> note("需区社会治理服务中心协调职能部门"),
                            () -> t.plus(r.between(30, 240))));
                } else {
                    out.add(new Step("assign|" + key, holder(c.level()), CaseAction.ASSIGN, () -> worker("街道协调，由社区网格员落实"), () -> t.plus(r.between(20, 180))));
                }
            }
            case DISTRICT -> {
                if (c.level() == CaseLevel.LEADERS) {
                    leaders(c, t, r, key, out);
                } else {
                    // the district center routes it to departments, or again after a department sent it back
                    Instant sentBack = lastSendBack(c);
                    out.add(new Step("route|" + key + "|" + sentBack, DemoCast.CENTER, CaseAction.ASSIGN, () -> routing(c),
                            () -> sentBack == null ? t.plus(r.between(30, 240))
                                    : r.when(t, rerouteDue(c), "reroute", script == Script.JOINT_SENT_BACK, 60, 360)));
                }
            }
        }
    }

    private void leaders(CaseView c, Instant t, DemoReplay r, String key, List<Step> out) {
        if (!instructed) {
            out.add(new Step("instruct|" + key, DemoCast.LEADER, CaseAction.INSTRUCT, () -> {
                instructed = true;
                return note("请" + home.name() + "牵头、相关部门配合，三日内办结并回复群众");
            }, () -> t.plus(r.between(20, 120))));
        } else {
            out.add(new Step("assign|" + key, DemoCast.LEADER, CaseAction.ASSIGN,
                    () -> new Cases.Action(DemoDistrict.operator(home), null, "区领导督办，社区现场落实", null, null, null, null, null),
                    () -> t.plus(r.between(10, 60))));
        }
    }

    private void assigned(CaseView c, Instant t, DemoReplay r, String phase, List<Step> out) {
        boolean departments = c.level() == CaseLevel.DEPARTMENTS && !c.assignments().isEmpty();
        if (!departments) {
            String who = c.assignee();
            boolean rework = evaluations > 0;
            // at the top of its chain no order moves the case on: what the leaders hand down is done, not always in time (逾期办结)
            String late = chainGoesOn(c) ? unit(c.level()) : DemoCast.TOP;
            boolean stuck = script == Script.LEADERS_LATE && !chainGoesOn(c);
            out.add(new Step("report|" + phase + "|" + who + "|" + c.resolveDue() + "|" + evaluations, who, CaseAction.REPORT,
                    () -> note(rework ? "返工后已解决" : "已到现场处置完毕"),
                    () -> rework ? t.plus(r.between(4 * 60, 24 * 60)) : stuck ? c.resolveDue().plus(r.between(10 * 24 * 60, 30 * 24 * 60))
                            : r.when(t, c.resolveDue(), late, false, 120, 40 * 60)));
            return;
        }
        for (CaseView.Assignment a : c.assignments()) {
            if (a.status() != AssignmentStatus.ASSIGNED) {
                continue;
            }
            String account = DemoCast.DEPARTMENT_ACCOUNTS.get(a.department());
            // the lead of the first routing may send it back, once
            boolean backThis = sendsBack && a.lead() && evaluations == 0 && c.assignments().stream().noneMatch(x -> x.sentBackAt() != null);
            boolean forcedLate = script == Script.DEPARTMENT_LATE && !a.lead() || script == Script.LEADERS_LATE && a.lead();
            String key = "dept|" + a.department() + "|" + a.assignedAt() + "|" + a.dueAt();
            if (backThis) {
                out.add(new Step(key, account, CaseAction.SEND_BACK,
                        () -> note("经核查，该事项不属于本部门职责，建议由" + r.departmentName(DemoCast.INSTEAD.get(a.department())) + "牵头办理"),
                        () -> t.plus(r.between(60, 8 * 60))));
            } else {
                long span = Math.max(240, Duration.between(t, a.dueAt()).toMinutes() * 7 / 10);
                out.add(new Step(key, account, CaseAction.REPORT, () -> note(a.lead() ? "已牵头现场核查并处置完毕" : "已配合完成本部门职责范围内的处置"),
                        () -> r.when(t, a.dueAt(), a.department(), forcedLate, 120, (int) Math.min(span, 5 * 24 * 60))));
            }
            if (a.dueAt().isBefore(t) && !instructed) {
                out.add(new Step("instruct|" + key, DemoCast.LEADER, CaseAction.INSTRUCT, () -> {
                    instructed = true;
                    return note("请" + a.departmentName() + "加快办理，按时报到处置");
                }, () -> t.plus(r.between(60, 6 * 60))));
            }
        }
        Instant sentBack = lastSendBack(c);
        if (sentBack != null) {
            // a send-back that left a co-handler or a reported part in place: the center routes the returned part again
            out.add(new Step("route|" + phase + "|" + sentBack, DemoCast.CENTER, CaseAction.ASSIGN, () -> routing(c),
                    () -> r.when(t, rerouteDue(c), "reroute", script == Script.JOINT_SENT_BACK, 60, 360)));
        }
    }

    /** The latest send-back the district center has not yet answered with a new routing, or null. */
    private static Instant lastSendBack(CaseView c) {
        Instant last = c.assignments().stream().map(CaseView.Assignment::sentBackAt).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        if (last == null || c.assignments().stream().anyMatch(a -> !a.assignedAt().isBefore(last))) {
            return null;
        }
        return last;
    }

    private static Instant rerouteDue(CaseView c) {
        return c.assignments().stream().filter(a -> a.rerouteDue() != null).map(CaseView.Assignment::rerouteDue).max(Instant::compareTo).orElseThrow();
    }

    /** The departments the district center routes the case to: the kind's lead and co-handler, or whom a send-back named instead. */
    private Cases.Action routing(CaseView c) {
        Set<String> had = new java.util.HashSet<>();
        c.assignments().forEach(a -> had.add(a.department()));
        boolean leadHeld = c.assignments().stream().anyMatch(a -> a.lead() && a.status() != AssignmentStatus.SENT_BACK);
        List<Cases.DepartmentAssignment> parts = new ArrayList<>();
        if (c.assignments().isEmpty()) {
            String lead = kind.lead() == null ? "ENFORCEMENT" : kind.lead();
            parts.add(new Cases.DepartmentAssignment(lead, true, 3 + rnd.nextInt(3)));
            if (coHandler && kind.coHandler() != null) {
                parts.add(new Cases.DepartmentAssignment(kind.coHandler(), false, 2 + rnd.nextInt(2)));
            }
            return new Cases.Action(null, parts, "请相关部门按时报到处置", null, null, null, null, null);
        }
        for (CaseView.Assignment a : c.assignments()) {
            if (a.status() == AssignmentStatus.SENT_BACK && c.assignments().stream().noneMatch(x -> !x.assignedAt().isBefore(a.sentBackAt()))) {
                String instead = DemoCast.INSTEAD.get(a.department());
                if (had.contains(instead)) {
                    instead = DemoCast.DEPARTMENT_ACCOUNTS.keySet().stream().sorted().filter(d -> !had.contains(d)).findFirst().orElseThrow();
                }
                had.add(instead);
                parts.add(new Cases.DepartmentAssignment(instead, a.lead() && !leadHeld && parts.stream().noneMatch(p -> p.lead()), 3));
            }
        }
        return new Cases.Action(null, parts, "根据退回意见重新派发", null, null, null, null, null);
    }

    private Cases.Action worker(String why) {
        return new Cases.Action(DemoCast.worker(home, lon), null, why, null, null, null, null, null);
    }

    private Cases.Action evaluation() {
        evaluations++;
        if (evaluations > 1) {
            return new Cases.Action(null, null, null, true, Satisfaction.BASICALLY_SATISFIED.name(), null, null, null);
        }
        int mood = rnd.nextInt(100);
        boolean resolved = rnd.nextInt(100) < 95;
        Satisfaction s = mood < 85 ? Satisfaction.SATISFIED : mood < 96 ? Satisfaction.BASICALLY_SATISFIED : Satisfaction.DISSATISFIED;
        return new Cases.Action(null, null, s == Satisfaction.DISSATISFIED || !resolved ? "问题还在，请再看看" : null, resolved, s.name(), null, null, null);
    }

    /** The account of the unit holding the case at {@code level}. */
    private String holder(CaseLevel level) {
        return switch (level.tier()) {
            case COMMUNITY -> DemoDistrict.operator(home);
            case STREET -> DemoDistrict.operator(DemoDistrictPlan.street(home.street()));
            case DISTRICT -> level == CaseLevel.LEADERS ? DemoCast.LEADER : DemoCast.CENTER;
        };
    }

    /** The unit whose lateness applies at {@code level}. */
    private String unit(CaseLevel level) {
        return switch (level.tier()) {
            case COMMUNITY -> home.code();
            case STREET -> home.street();
            case DISTRICT -> level == CaseLevel.LEADERS ? DemoCast.LEADER : DemoCast.CENTER;
        };
    }

    private boolean forcedLate(CaseLevel level) {
        return script == Script.COMMUNITY_LATE && level == CaseLevel.COMMUNITY || script == Script.STREET_LATE && level == CaseLevel.STREET;
    }

    /** Whether the case's chain has a level above this one (GENERAL ends at the leaders, MEDIATION at the legal adviser). */
    private static boolean chainGoesOn(CaseView c) {
        return c.level() != CaseLevel.LEADERS && c.level() != CaseLevel.LEGAL_ADVISER;
    }

    private static Cases.Action note(String text) {
        return new Cases.Action(null, null, text, null, null, null, null, null);
    }
}
