package org.redwhistle.api.demo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseAction;
import org.redwhistle.api.cases.CaseView;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.cases.Satisfaction;
import org.redwhistle.api.errors.ApiException;
import org.redwhistle.api.security.CurrentUser;
import org.redwhistle.api.users.UserAccount;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Replays a year of residents' requests for the demo district through the real workflow (submit,
 * take, assign, report, evaluate, rework, escalate to the district and departments, complex cases),
 * each step at its own moment in the past, so the statistics and timelines are not empty. The mix
 * follows DOMAIN.md's figures: about 2,000 requests, nearly all closed, about 1.5 % complex. Runs
 * once (recorded in the audit log), in the background, when {@code redwhistle.demo.history} is on.
 */
@Component
public class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final String[][] CATEGORIES = {
        {"GENERAL", "ENV", "楼道堆放杂物"}, {"GENERAL", "ENV", "垃圾清运不及时"}, {"GENERAL", "FACILITY", "路灯不亮"},
        {"GENERAL", "FACILITY", "井盖松动"}, {"GENERAL", "NOISE", "夜间装修噪音"}, {"GENERAL", "FIRE", "消防通道被占用"},
        {"GENERAL", "PARKING", "车辆乱停堵塞通道"}, {"MEDIATION", "DISPUTE", "楼上漏水引发纠纷"}, {"MEDIATION", "DISPUTE", "加高院墙遮挡采光"}};

    private final DemoProperties props;
    private final Cases cases;
    private final UserAccountRepository users;
    private final DemoSeeds seeds;
    private final AuditLog audit;
    private final WorkerPools pools;
    private final Clock clock;

    public DemoHistory(DemoProperties props, Cases cases, UserAccountRepository users, DemoSeeds seeds, AuditLog audit, WorkerPools pools, Clock clock) {
        this.pools = pools;
        this.clock = clock;
        this.props = props;
        this.cases = cases;
        this.users = users;
        this.seeds = seeds;
        this.audit = audit;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        if (!props.enabled() || !props.history()) {
            return;
        }
        if (seeds.historyReplayed()) {
            return;
        }
        pools.singleThread("demo-history").execute(() -> {
            try {
                long started = System.nanoTime();
                int n = generate(props.historyCount(), 20221, clock.instant());
                audit.record(AuditLog.SYSTEM, "demo.history", "case_file", "demo", null, Map.of("cases", n));
                log.info("demo history: {} requests replayed through the workflow in {} s", n, (System.nanoTime() - started) / 1_000_000_000);
            } catch (RuntimeException e) {
                log.error("demo history failed: {}", e.toString());
            }
        });
    }

    private CurrentUser user(String username) {
        return users.findByUsername(username).map(UserAccount::asCurrentUser)
                .orElseThrow(() -> new IllegalStateException("demo user " + username + " missing"));
    }

    /** Replays {@code count} requests spread over the year before {@code now}; returns how many were filed. */
    public int generate(int count, long seed, Instant now) {
        return generate(count, seed, now, 365);
    }

    /**
     * Replays {@code count} requests filed on the {@code days} days before {@code now}; a step that would
     * come after {@code now} is not taken (the request is still being handled). Returns how many were filed.
     */
    public int generate(int count, long seed, Instant now, int days) {
        Random rnd = new Random(seed);
        // the demo's residents, each with a history of their own on the residents' page
        List<CurrentUser> residents = List.of(user("resident"), user("13800000001"), user("13800000002"), user("13800000003"));
        CurrentUser operator = user("operator");
        CurrentUser operatorKwm = user("operator-kwm");
        CurrentUser street = user("operator-street");
        CurrentUser center = user("operator-district");
        CurrentUser department = user("department");
        CurrentUser housing = user("dept-housing");
        CurrentUser grid1 = user("grid1");
        int filed = 0;
        for (int i = 0; i < count; i++) {
            // a working-hours moment in the past year
            Instant day = now.minus(Duration.ofDays(1 + rnd.nextInt(days - 1)));
            Instant t = day.atZone(CHINA).toLocalDate().atTime(LocalTime.of(8 + rnd.nextInt(13), rnd.nextInt(60))).atZone(CHINA).toInstant();
            boolean kwm = rnd.nextInt(5) == 0;
            double lon = kwm ? 119.1325 + rnd.nextDouble() * 0.009 : 119.1205 + rnd.nextDouble() * 0.011;
            double lat = 36.7005 + rnd.nextDouble() * 0.008;
            String[] cat = CATEGORIES[rnd.nextInt(CATEGORIES.length)];
            CurrentUser unit = kwm ? operatorKwm : operator;
            CurrentUser worker = kwm ? operatorKwm : grid1;
            try {
                CurrentUser resident = residents.get(rnd.nextInt(residents.size()));
                CaseView c = cases.submit(resident, new Cases.NewCase(cat[0], cat[1], cat[2], List.of(), lon, lat, "APP"), t);
                filed++;
                long id = c.id();
                // taken within the limit, mostly within hours; 3 % late
                Instant at = rnd.nextInt(100) < 3 ? c.acceptDue().plus(Duration.ofHours(2 + rnd.nextInt(20)))
                        : t.plus(Duration.ofMinutes(20 + rnd.nextInt(600)));
                act(now, unit, id, CaseAction.TAKE, action(null, null), at);
                if (rnd.nextInt(1000) < 15) {
                    at = at.plus(Duration.ofMinutes(30));
                    act(now, unit, id, CaseAction.COMPLEX, action(null, "涉及多方，需较长时间"), at);
                }
                boolean escalate = "GENERAL".equals(cat[0]) && rnd.nextInt(100) < 3;
                if (escalate) {
                    at = at.plus(Duration.ofHours(2));
                    act(now, unit, id, CaseAction.ESCALATE, action(null, "社区无法解决，提请街道协调"), at);
                    at = at.plus(Duration.ofHours(1));
                    act(now, street, id, CaseAction.TAKE, action(null, null), at);
                    at = at.plus(Duration.ofHours(1));
                    act(now, street, id, CaseAction.ESCALATE, action(null, "需区社会治理服务中心协调职能部门"), at);
                    at = at.plus(Duration.ofHours(1));
                    act(now, center, id, CaseAction.TAKE, action(null, null), at);
                    act(now, center, id, CaseAction.ASSIGN, new Cases.Action(null, List.of(
                            new Cases.DepartmentAssignment("ENFORCEMENT", true, null), new Cases.DepartmentAssignment("HOUSING", false, null)),
                            null, null, null, null, null, null), at);
                } else {
                    at = at.plus(Duration.ofMinutes(10));
                    act(now, unit, id, CaseAction.ASSIGN, new Cases.Action(worker.username(), null, null, null, null, null, null, null), at);
                }
                if (t.isAfter(now.minus(Duration.ofDays(3))) && rnd.nextBoolean()) {
                    continue; // recent ones are still being handled
                }
                CurrentUser handler = escalate ? department : worker;
                at = at.plus(Duration.ofHours(2 + rnd.nextInt(40)));
                if (escalate) {
                    act(now, housing, id, CaseAction.REPORT, action(null, "已排查房屋结构安全，配合处置"), at);
                    at = at.plus(Duration.ofMinutes(30));
                }
                act(now, handler, id, CaseAction.REPORT, action(null, "已处置完毕"), at);
                int mood = rnd.nextInt(100);
                boolean resolved = rnd.nextInt(100) < 95;
                Satisfaction satisfaction = mood < 85 ? Satisfaction.SATISFIED : mood < 96 ? Satisfaction.BASICALLY_SATISFIED : Satisfaction.DISSATISFIED;
                at = at.plus(Duration.ofHours(1 + rnd.nextInt(30)));
                act(now, resident, id, CaseAction.EVALUATE, new Cases.Action(null, null, null, resolved, satisfaction.name(), null, null, null), at);
                if (!resolved || satisfaction == Satisfaction.DISSATISFIED) {
                    at = at.plus(Duration.ofHours(4 + rnd.nextInt(20)));
                    act(now, handler, id, CaseAction.REPORT, action(null, "返工后已解决"), at);
                    at = at.plus(Duration.ofHours(2));
                    act(now, resident, id, CaseAction.EVALUATE, new Cases.Action(null, null, null, true, Satisfaction.BASICALLY_SATISFIED.name(), null, null, null), at);
                }
            } catch (NotYet e) {
                log.debug("demo history request {} is still being handled: its next step would be after now", i);
            } catch (ApiException e) {
                log.debug("demo history request {} stopped: {}", i, e.getMessage());
            }
        }
        return filed;
    }

    /** Takes the step at {@code at}, unless that moment is still to come: the replay never writes the future. */
    private void act(Instant now, CurrentUser user, long id, CaseAction action, Cases.Action in, Instant at) {
        if (at.isAfter(now)) {
            throw new NotYet();
        }
        cases.act(user, id, action, in, at);
    }

    /** The request's next step lies after now: it stays open where it is, as a real one would. */
    private static final class NotYet extends RuntimeException {
        NotYet() {
            super(null, null, false, false);
        }
    }

    private static Cases.Action action(String assignee, String note) {
        return new Cases.Action(assignee, null, note, null, null, null, null, null);
    }
}
