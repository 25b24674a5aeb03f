package org.redwhistle.api.cases;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.redwhistle.api.audit.AuditLog;
import org.redwhistle.ingest.cluster.ClusterJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 督办: watches every open case's deadlines. Before a deadline (by {@code redwhistle.cases.warn-before},
 * 4 h) the holding unit gets a WARNING; when it passes, an ORDER, counted against that unit, and the
 * case is escalated one step up its chain (the next unit must take it). Each warning and order is
 * issued once (unique per case, kind and deadline, and only while the case is as the sweep saw it), and
 * the scheduled sweep runs once per cluster ({@link ClusterJobs}). {@link #sweep}
 * takes the time as a parameter: the scheduler passes the clock, tests any moment they like.
 */
@Component
public class CaseSupervisor {

    private static final Logger log = LoggerFactory.getLogger(CaseSupervisor.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Cases cases;
    private final Duration warnBefore;
    private final ClusterJobs jobs;

    public CaseSupervisor(JdbcClient jdbc, TransactionTemplate tx, AuditLog audit, ApplicationEventPublisher events, Cases cases,
            @Value("${redwhistle.cases.warn-before:4h}") Duration warnBefore, ClusterJobs jobs) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.events = events;
        this.cases = cases;
        this.warnBefore = warnBefore;
    }

    @Scheduled(initialDelayString = "${redwhistle.cases.sweep-interval:60s}", fixedDelayString = "${redwhistle.cases.sweep-interval:60s}")
    public void scheduled() {
        jobs.runExclusively("cases.supervision", () -> sweep(Instant.now()));
    }

    private record Open(long id, String status, String level, String type, Instant acceptDue, Instant resolveDue, Long communityId,
            List<Long> path) {
    }

    /** Issues the warnings and orders due at {@code now}; returns how many orders it issued. */
    public int sweep(Instant now) {
        List<Open> open = jdbc.sql("""
                select id, status, level, type, accept_due, resolve_due, community_id, area_path from case_file
                where status <> 'CLOSED' and (accept_due <= :warn or resolve_due <= :warn)""")
                .param("warn", Timestamp.from(now.plus(warnBefore)))
                .query((rs, i) -> new Open(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(), (Long) rs.getObject(7), List.of((Long[]) rs.getArray(8).getArray())))
                .list();
        int orders = 0;
        for (Open c : open) {
            try {
                if ("DISPATCHED".equals(c.status())) {
                    orders += check(c, "ACCEPT", c.acceptDue(), now);
                }
                if (!"HANDLED".equals(c.status())) {
                    orders += check(c, "RESOLVE", c.resolveDue(), now);
                }
            } catch (RuntimeException e) {
                log.error("supervising case {} failed: {}", c.id(), e.toString());
            }
        }
        return orders;
    }

    private int check(Open c, String deadline, Instant due, Instant now) {
        if (now.isBefore(due.minus(warnBefore))) {
            return 0;
        }
        String kind = now.isAfter(due) ? "ORDER" : "WARNING";
        long unitArea = List.of("DISTRICT_CENTER", "DEPARTMENTS", "LEADERS").contains(c.level()) || c.communityId() == null ? c.path().get(0) : c.communityId();
        Boolean issued = tx.execute(s -> {
            // only while the case is as the sweep saw it (locked until this transaction ends): another instance's
            // order may have escalated it, or its unit acted on it, since
            int n = jdbc.sql("""
                    with still as (
                        select id from case_file where id = :id and status = :status and level = :level
                          and (case when cast(:deadline as text) = 'ACCEPT' then accept_due else resolve_due end) = :due
                        for update)
                    insert into supervision (case_id, kind, deadline, due_at, unit_level, unit_area, area_path, created_at)
                    select id, :kind, :deadline, cast(:due as timestamptz), :level, :unitArea, :path, cast(:now as timestamptz) from still
                    on conflict do nothing""")
                    .param("id", c.id()).param("status", c.status()).param("level", c.level()).param("deadline", deadline)
                    .param("due", Timestamp.from(due)).param("kind", kind).param("unitArea", unitArea)
                    .param("path", c.path().toArray(Long[]::new)).param("now", Timestamp.from(now))
                    .update();
            if (n == 0) {
                return false;
            }
            String what = ("ACCEPT".equals(deadline) ? "受理" : "办结") + "时限 " + due;
            jdbc.sql("insert into case_event (case_id, at, actor, action, status, level, note) values (?, ?, 'system', ?, ?, ?, ?)")
                    .params(c.id(), Timestamp.from(now), "ORDER".equals(kind) ? "supervision-order" : "supervision-warning", c.status(), c.level(),
                            ("ORDER".equals(kind) ? "督办单：已超过" : "预警：即将到达") + what).update();
            if ("ORDER".equals(kind)) {
                List<String> chain = Arrays.asList(jdbc.sql("select chain from case_type where code = ?").param(c.type())
                        .query((rs, i) -> (String[]) rs.getArray(1).getArray()).single());
                int at = chain.indexOf(c.level());
                if (at >= 0 && at + 1 < chain.size()) {
                    String next = chain.get(at + 1);
                    boolean complex = jdbc.sql("select complex from case_file where id = ?").param(c.id()).query(Boolean.class).single();
                    cases.moveUp(c.id(), next, complex, now);
                    jdbc.sql("update supervision set escalated_to = ? where case_id = ? and kind = 'ORDER' and deadline = ? and due_at = ?")
                            .params(next, c.id(), deadline, Timestamp.from(due)).update();
                    jdbc.sql("insert into case_event (case_id, at, actor, action, status, level, note) values (?, ?, 'system', 'escalate', 'DISPATCHED', ?, ?)")
                            .params(c.id(), Timestamp.from(now), next, "超时自动升级").update();
                }
            }
            audit.record(AuditLog.SYSTEM, "case.supervision", "case", String.valueOf(c.id()), kind + " " + deadline,
                    Map.of("kind", kind, "deadline", deadline, "dueAt", due.toString(), "unitLevel", c.level(), "unitArea", unitArea));
            return true;
        });
        if (Boolean.TRUE.equals(issued)) {
            cases.find(c.id(), true).ifPresent(v -> events.publishEvent(v.changed()));
            return "ORDER".equals(kind) ? 1 : 0;
        }
        return 0;
    }

    /** One warning or order, as leaders and the unit see it. */
    public record Supervision(long id, long caseId, String ref, String kind, String deadline, Instant dueAt, String unitLevel, long unitArea,
            String unitName, String escalatedTo, Instant createdAt) {
    }

    /** Per unit: its level, area, and how many warnings and orders it received since then. */
    public List<Map<String, Object>> perUnit(Long scopeArea, Instant since) {
        return jdbc.sql("""
                select s.unit_level, s.unit_area, a.name, count(*) filter (where s.kind = 'ORDER') orders, count(*) filter (where s.kind = 'WARNING') warnings
                from supervision s join area a on a.id = s.unit_area
                where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(s.area_path)) and s.created_at >= :since
                group by s.unit_level, s.unit_area, a.name order by orders desc, warnings desc""")
                .param("scope", scopeArea).param("since", Timestamp.from(since))
                .query((rs, i) -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("unitLevel", rs.getString(1));
                    m.put("unitArea", rs.getLong(2));
                    m.put("unitName", rs.getString(3));
                    m.put("orders", rs.getLong(4));
                    m.put("warnings", rs.getLong(5));
                    return m;
                }).list();
    }

    public List<Supervision> list(Long scopeArea, Instant since, int limit) {
        List<Supervision> out = new ArrayList<>();
        jdbc.sql("""
                select s.id, s.case_id, c.ref, s.kind, s.deadline, s.due_at, s.unit_level, s.unit_area, a.name, s.escalated_to, s.created_at
                from supervision s join case_file c on c.id = s.case_id join area a on a.id = s.unit_area
                where (cast(:scope as bigint) is null or cast(:scope as bigint) = any(s.area_path)) and s.created_at >= :since
                order by s.created_at desc limit :limit""")
                .param("scope", scopeArea).param("since", Timestamp.from(since)).param("limit", limit)
                .query(rs -> {
                    out.add(new Supervision(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(8), rs.getString(9), rs.getString(10),
                            rs.getTimestamp(11).toInstant()));
                });
        return out;
    }
}
