package org.redwhistle.api.demo.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.api.cases.CaseJobs;
import org.redwhistle.api.cases.Cases;
import org.redwhistle.api.units.Departments;
import org.redwhistle.api.users.UserAccountRepository;
import org.redwhistle.devices.contract.DemoDistrictPlan;
import org.redwhistle.devices.contract.DemoDistrictPlan.Community;
import org.redwhistle.ingest.workers.WorkerPools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Replays a year of residents' requests across the demo district through the real workflow and the
 * real supervision sweep ({@link DemoReplay}): every request an agent that, at each of its moments,
 * does what the unit holding its case would do, and the sweep issuing warnings and orders (and the
 * escalations orders cause) right after each deadline that passes, so the statistics, the timelines,
 * supervision and the leaders' ranking are not empty. The mix follows DOMAIN.md's figures (about
 * 2,000 requests, nearly all closed, about 1.5 % complex); a few percent of the units' deadlines are
 * missed on purpose, by some units more than others. Runs once (recorded in the audit log), in the
 * background, when {@code redwhistle.demo.history} is on, while this instance holds the sweep's and
 * the auto-close's cluster locks, so their scheduled runs do not act on the replay's past.
 */
@Component
public class DemoHistory {

    private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** Every this many requests, one of each staged path ({@link DemoRequest.Script}) is filed. */
    private static final int STAGED_EVERY = 100;

    private final DemoProperties props;
    private final Cases cases;
    private final CaseJobs jobs;
    private final UserAccountRepository users;
    private final Departments departments;
    private final DemoSeeds seeds;
    private final AuditLog audit;
    private final WorkerPools pools;
    private final Clock clock;

    public DemoHistory(DemoProperties props, Cases cases, CaseJobs jobs, UserAccountRepository users, Departments departments, DemoSeeds seeds,
            AuditLog audit, WorkerPools pools, Clock clock) {
        this.props = props;
        this.cases = cases;
        this.jobs = jobs;
        this.users = users;
        this.departments = departments;
        this.seeds = seeds;
        this.audit = audit;
        this.pools = pools;
        this.clock = clock;
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
                Result r = replay(props.historyCount(), 20221, clock.instant(), 365);
                long ms = (System.nanoTime() - started) / 1_000_000;
                audit.record(AuditLog.SYSTEM, "demo.history", "case_file", "demo", null,
                        Map.of("cases", r.filed(), "orders", r.orders(), "sweeps", r.sweeps(), "ms", ms));
                log.info("demo history: {} requests replayed through the workflow and {} supervision sweeps ({} orders) in {} s",
                        r.filed(), r.sweeps(), r.orders(), ms / 1000.0);
            } catch (RuntimeException e) {
                log.error("demo history failed: {}", e.toString());
            }
        });
    }

    /** What a replay did: requests filed, supervision sweeps run and the orders they issued. */
    public record Result(int filed, int sweeps, int orders) {
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
        return replay(count, seed, now, days).filed();
    }

    /** {@link #generate}, with what the sweep did on the way. */
    public Result replay(int count, long seed, Instant now, int days) {
        Random rnd = new Random(seed);
        List<DemoRequest> requests = requests(count, rnd, now, days);
        DemoReplay replay = new DemoReplay(cases, jobs, new DemoCast(users), departments, rnd, now);
        AtomicInteger filed = new AtomicInteger(-1);
        for (int attempt = 0; attempt < 50 && filed.get() < 0; attempt++) {
            if (!jobs.exclusively(() -> filed.set(replay.run(requests)))) {
                sleep(); // a scheduled sweep is running somewhere: wait for it to finish
            }
        }
        if (filed.get() < 0) {
            log.warn("demo history: the supervision's cluster lock stayed taken; replaying without it");
            filed.set(replay.run(requests));
        }
        return new Result(filed.get(), replay.swept, replay.orders);
    }

    /** The year's requests in time order: a community (松鹤园社区, the village, has more), a kind, a resident, a place. */
    private static List<DemoRequest> requests(int count, Random rnd, Instant now, int days) {
        List<Community> communities = DemoDistrictPlan.communities();
        int kindsWeight = DemoCast.KINDS.stream().mapToInt(DemoCast.Kind::weight).sum();
        List<DemoRequest> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoRequest.Script script = script(i);
            // a working-hours moment in the period; a staged path well before now, so it plays out
            int back = 1 + rnd.nextInt(Math.max(1, days - 1));
            if (script == DemoRequest.Script.LEADERS_LATE && days >= 30) {
                back = 18 + rnd.nextInt(10); // still with the leaders' assignee, late, now
            } else if (script != DemoRequest.Script.ORDINARY && days >= 30) {
                back = Math.max(back, 20);
            }
            Instant day = now.minus(Duration.ofDays(back));
            Instant t = day.atZone(CHINA).toLocalDate().atTime(LocalTime.of(8 + rnd.nextInt(13), rnd.nextInt(60))).atZone(CHINA).toInstant();
            Community home = rnd.nextInt(5) == 0 ? communities.get(0) : communities.get(rnd.nextInt(communities.size()));
            DemoCast.Kind kind = kind(rnd.nextInt(kindsWeight));
            if (script != DemoRequest.Script.ORDINARY && script != DemoRequest.Script.COMMUNITY_LATE && kind.lead() == null) {
                kind = DemoCast.KINDS.get(0); // staged joint handling: a request the departments handle
            }
            List<String> residents = DemoCast.residents(home);
            DemoDistrictPlan.Box b = home.box();
            double lon = b.x0() + 0.0005 + rnd.nextDouble() * (b.x1() - b.x0() - 0.001);
            double lat = b.y0() + 0.0005 + rnd.nextDouble() * (b.y1() - b.y0() - 0.001);
            out.add(new DemoRequest(t, home, kind, residents.get(rnd.nextInt(residents.size())), lon, lat, script, rnd));
        }
        out.sort(Comparator.comparing(r -> r.filedAt));
        return out;
    }

    private static DemoRequest.Script script(int i) {
        return switch (i % STAGED_EVERY) {
            case 0 -> DemoRequest.Script.JOINT_SENT_BACK;
            case 1 -> DemoRequest.Script.COMMUNITY_LATE;
            case 2 -> DemoRequest.Script.DEPARTMENT_LATE;
            case 3 -> DemoRequest.Script.STREET_LATE;
            case 4 -> DemoRequest.Script.LEADERS_LATE;
            default -> DemoRequest.Script.ORDINARY;
        };
    }

    private static DemoCast.Kind kind(int pick) {
        for (DemoCast.Kind k : DemoCast.KINDS) {
            pick -= k.weight();
            if (pick < 0) {
                return k;
            }
        }
        return DemoCast.KINDS.get(0);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
